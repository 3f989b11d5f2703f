/*
 * The least a STUN Binding responder can do, as a yardstick for the Binding row: THREADS threads,
 * each with its own SO_REUSEPORT socket on 127.0.0.1:PORT, answer every datagram with itself, its
 * message type turned into a Binding success response (0x0101, RFC 8489 section 6), with one
 * recvfrom and one sendto. No parsing, no attributes, no batching: what is left is the kernel's cost
 * per datagram and a thread's wake-ups. Exits by itself after SECONDS.
 *
 * Usage: udp_echo PORT THREADS SECONDS
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int port;

static void *serve(void *unused) {
    (void) unused;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int on = 1;
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = htons(port)};
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0
            || bind(fd, (struct sockaddr *) &local, sizeof local) != 0) {
        perror("udp_echo: socket");
        exit(1);
    }
    unsigned char buffer[2048];
    for (;;) {
        struct sockaddr_in from;
        socklen_t length = sizeof from;
        ssize_t n = recvfrom(fd, buffer, sizeof buffer, 0, (struct sockaddr *) &from, &length);
        if (n >= 2) {
            buffer[0] = 0x01;
            buffer[1] = 0x01;
            sendto(fd, buffer, (size_t) n, 0, (struct sockaddr *) &from, length);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: udp_echo PORT THREADS SECONDS\n");
        return 2;
    }
    port = atoi(argv[1]);
    int threads = atoi(argv[2]);
    alarm((unsigned) atoi(argv[3]));
    pthread_t thread;
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&thread, NULL, serve, NULL) != 0) {
            perror("udp_echo: thread");
            return 1;
        }
    }
    pause();
    return 0;
}
