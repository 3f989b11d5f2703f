// The call grid: how many columns and rows for n tiles in a stage of a given size. Pure.

/**
 * The grid for `count` tiles in a `width` × `height` stage: the columns × rows that give each
 * video (of `aspect` width/height) the largest picture; on a tie, fewer empty cells. So a wide
 * screen shows 2 side by side, 3–4 as 2 × 2 and 5–6 as 3 × 2, and a phone held upright stacks
 * 2 and shows 5–6 as 2 × 3. The pictures are taken as 16:9 on a wide stage and as 3:4 on an
 * upright one (phones send upright video, and the tiles crop to fill). Returns `{cols, rows}`.
 */
export function gridLayout(count, width, height, aspect = width >= height ? 16 / 9 : 3 / 4) {
    const n = Math.max(1, Math.floor(count) || 1);
    if (!(width > 0) || !(height > 0)) {
        const cols = Math.ceil(Math.sqrt(n));
        return {cols, rows: Math.ceil(n / cols)};
    }
    let best = null;
    for (let cols = 1; cols <= n; cols++) {
        const rows = Math.ceil(n / cols);
        const cellWidth = width / cols;
        const cellHeight = height / rows;
        const videoWidth = Math.min(cellWidth, cellHeight * aspect);
        const area = videoWidth * (videoWidth / aspect);
        const empty = cols * rows - n;
        const better = best === null
            || area > best.area * 1.0001
            || (Math.abs(area - best.area) <= best.area * 0.0001 && empty < best.empty);
        if (better) {
            best = {cols, rows, area, empty};
        }
    }
    return {cols: best.cols, rows: best.rows};
}

/**
 * Where the tiles go when the grid has `2 × cols` half-columns and every tile spans two: the
 * tiles of an incomplete last row are centred. Returns, per tile, the 1-based half-column it
 * starts at, or null to let the grid place it.
 */
export function tileColumnStarts(count, cols) {
    const starts = new Array(Math.max(0, count)).fill(null);
    const remainder = count % cols;
    if (cols > 1 && remainder !== 0) {
        const firstOfLastRow = count - remainder;
        starts[firstOfLastRow] = cols - remainder + 1;
    }
    return starts;
}
