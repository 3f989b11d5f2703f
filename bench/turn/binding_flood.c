/*
 * STUN Binding load generator that costs less per request than the servers it measures: each of
 * THREADS threads has one socket connected to the server and keeps WINDOW requests in flight. It
 * sends and receives in batches (sendmmsg, recvmmsg), so a request costs the generator a share of a
 * system call rather than one, and it parses only the two bytes of the message type. Every request
 * is a bare 20-byte Binding request (RFC 8489 section 5, no attributes) with its own transaction ID
 * (the thread's number and a counter: never repeated within a run, so no server can answer from a
 * retransmission cache). After WARMUP seconds (default 1) it counts Binding success responses
 * (0x0101) for SECONDS and prints "responses/s N". A batch that times out (200 ms: the server
 * dropped requests) is replaced by a fresh window. Loopback only; stops by itself.
 *
 * Usage: binding_flood HOST PORT THREADS WINDOW SECONDS [WARMUP]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_WINDOW 256
#define REQUEST_LENGTH 20

static struct sockaddr_in server;
static int window;
static atomic_long answered;
static atomic_int stopping;

struct batch {
    unsigned char requests[MAX_WINDOW][REQUEST_LENGTH];
    unsigned char responses[MAX_WINDOW][64];
    struct iovec send_vectors[MAX_WINDOW], receive_vectors[MAX_WINDOW];
    struct mmsghdr sends[MAX_WINDOW], receives[MAX_WINDOW];
    uint32_t thread;
    uint64_t counter;
};

/* A Binding request: type 0x0001, length 0, the magic cookie, then a transaction ID unique in this run. */
static void next_request(struct batch *b, int i) {
    unsigned char *r = b->requests[i];
    static const unsigned char header[8] = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xA4, 0x42};
    memcpy(r, header, sizeof header);
    memcpy(r + 8, &b->thread, sizeof b->thread);
    b->counter++;
    memcpy(r + 12, &b->counter, sizeof b->counter);
}

static void send_requests(int fd, struct batch *b, int count) {
    for (int i = 0; i < count; i++) {
        next_request(b, i);
    }
    int sent = 0;
    while (sent < count) {
        int n = sendmmsg(fd, b->sends + sent, (unsigned) (count - sent), 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            /* ENOBUFS and the like: the rest of this batch counts as lost; the timeout refills. */
            return;
        }
        sent += n;
    }
}

static void sleep_seconds(double seconds) {
    struct timespec t = {.tv_sec = (time_t) seconds, .tv_nsec = (long) ((seconds - (time_t) seconds) * 1e9)};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

static void *flood(void *number) {
    struct batch *b = calloc(1, sizeof *b);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in local = {.sin_family = AF_INET};
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval timeout = {.tv_sec = 0, .tv_usec = 200000};
    if (b == NULL || fd < 0 || bind(fd, (struct sockaddr *) &local, sizeof local) != 0
            || connect(fd, (struct sockaddr *) &server, sizeof server) != 0
            || setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0) {
        perror("binding_flood: socket");
        exit(1);
    }
    b->thread = (uint32_t) (uintptr_t) number;
    for (int i = 0; i < window; i++) {
        b->send_vectors[i] = (struct iovec) {.iov_base = b->requests[i], .iov_len = REQUEST_LENGTH};
        b->sends[i].msg_hdr = (struct msghdr) {.msg_iov = &b->send_vectors[i], .msg_iovlen = 1};
        b->receive_vectors[i] = (struct iovec) {.iov_base = b->responses[i], .iov_len = sizeof b->responses[i]};
        b->receives[i].msg_hdr = (struct msghdr) {.msg_iov = &b->receive_vectors[i], .msg_iovlen = 1};
    }
    send_requests(fd, b, window);
    while (!atomic_load_explicit(&stopping, memory_order_relaxed)) {
        /* Blocks for the first response only, then takes whatever else has arrived. */
        int n = recvmmsg(fd, b->receives, (unsigned) window, MSG_WAITFORONE, NULL);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            if (errno != ECONNREFUSED && errno != EAGAIN && errno != EWOULDBLOCK) {
                perror("binding_flood: recvmmsg");
                exit(1);
            }
            if (errno == ECONNREFUSED) {
                /* Nobody listens (yet): an ICMP port unreachable came back; try again shortly. */
                sleep_seconds(0.01);
            }
            /* Lost (timed out) or refused: a fresh window. */
            send_requests(fd, b, window);
            continue;
        }
        long successes = 0;
        for (int i = 0; i < n; i++) {
            if (b->receives[i].msg_len >= REQUEST_LENGTH && b->responses[i][0] == 0x01 && b->responses[i][1] == 0x01) {
                successes++;
            }
        }
        atomic_fetch_add_explicit(&answered, successes, memory_order_relaxed);
        send_requests(fd, b, n);
    }
    close(fd);
    free(b);
    return NULL;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 6 && argc != 7) {
        fprintf(stderr, "usage: binding_flood HOST PORT THREADS WINDOW SECONDS [WARMUP]\n");
        return 2;
    }
    server.sin_family = AF_INET;
    server.sin_port = htons((uint16_t) atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1 || (ntohl(server.sin_addr.s_addr) >> 24) != 127) {
        fprintf(stderr, "binding_flood: benchmarks send to loopback (127.0.0.0/8) only, not %s\n", argv[1]);
        return 2;
    }
    int threads = atoi(argv[3]);
    window = atoi(argv[4]);
    double seconds = atof(argv[5]), warmup = argc == 7 ? atof(argv[6]) : 1;
    if (threads < 1 || threads > 64 || window < 1 || window > MAX_WINDOW || seconds <= 0 || warmup < 0) {
        fprintf(stderr, "binding_flood: THREADS 1-64, WINDOW 1-%d, SECONDS > 0\n", MAX_WINDOW);
        return 2;
    }
    pthread_t workers[64];
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&workers[i], NULL, flood, (void *) (uintptr_t) i) != 0) {
            perror("binding_flood: thread");
            return 1;
        }
    }
    sleep_seconds(warmup);
    long from = atomic_load(&answered);
    double start = now();
    sleep_seconds(seconds);
    long counted = atomic_load(&answered) - from;
    double elapsed = now() - start;
    atomic_store(&stopping, 1);
    for (int i = 0; i < threads; i++) {
        pthread_join(workers[i], NULL);
    }
    printf("responses/s %.0f\n", counted / elapsed);
    return 0;
}
