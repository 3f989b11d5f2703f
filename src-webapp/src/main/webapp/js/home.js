// The home page: pick a room name (a random 9-digit one by default, as AppRTC does) and go to it.
const form = document.getElementById('join-form');
const room = document.getElementById('room');
const match = window.location.pathname.match(/^\/r\/([a-zA-Z0-9_-]+)$/);

if (match) {
    room.value = match[1];
    document.getElementById('status').textContent = `Room ${match[1]}: the call page is not built yet.`;
} else {
    room.value = String(Math.floor(100000000 + Math.random() * 900000000));
}

form.addEventListener('submit', (event) => {
    event.preventDefault();
    window.location.assign(`/r/${encodeURIComponent(room.value)}`);
});
