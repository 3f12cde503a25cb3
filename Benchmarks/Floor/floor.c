/*
 * The floor of `make bench`: what libzmq itself costs for a 128-byte round trip on
 * loopback TCP, with nothing of Glimlach in the way.
 *
 *   direct   REQ -> REP
 *   one hop  REQ -> ROUTER [zmq_proxy] DEALER -> REP   (the bus's shape: client,
 *            broker, worker; the broker here only forwards)
 *   one hop, pipelined: DEALER with 64 requests in flight through the same proxy
 *
 * Every role has its own context (its own I/O thread) and its own thread, as a
 * Glimlach client, broker and worker do in one process.
 *
 *   floor [round-trips] [seconds-of-throughput]
 *
 * Prints `RESULT key=value ...` lines that scripts/bench collects.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zmq.h>

#define PAYLOAD 128
#define IN_FLIGHT 64

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/* CPU time of the whole process (every thread) and its voluntary context switches. */
static void process_cost(double *cpu_us, long *switches) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *cpu_us = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    *switches = usage.ru_nvcsw;  /* voluntary: a thread went to sleep to wait */
}

static void check(int status, const char *what) {
    if (status < 0) {
        fprintf(stderr, "floor: %s: %s\n", what, zmq_strerror(zmq_errno()));
        exit(1);
    }
}

/* A socket of its own context, bound to an ephemeral loopback port or connected. */
static void *open_socket(void **context, int type) {
    *context = zmq_ctx_new();
    void *socket = zmq_socket(*context, type);
    int zero = 0;
    zmq_setsockopt(socket, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(socket, ZMQ_SNDHWM, &zero, sizeof zero);
    zmq_setsockopt(socket, ZMQ_RCVHWM, &zero, sizeof zero);
    return socket;
}

static void bind_ephemeral(void *socket, char *endpoint, size_t size) {
    check(zmq_bind(socket, "tcp://127.0.0.1:*"), "zmq_bind");
    check(zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, endpoint, &size), "zmq_getsockopt");
}

static void close_socket(void *context, void *socket) {
    zmq_close(socket);
    zmq_ctx_term(context);
}

/* REP echo: answers every request with its bytes until the context ends. */
struct echo_args { char endpoint[256]; int connect; };

static void *echo_server(void *raw) {
    struct echo_args *args = raw;
    void *context, *socket = open_socket(&context, ZMQ_REP);
    if (args->connect) check(zmq_connect(socket, args->endpoint), "zmq_connect");
    else bind_ephemeral(socket, args->endpoint, sizeof args->endpoint);
    __atomic_store_n(&args->connect, 2, __ATOMIC_RELEASE);  /* 2: ready */
    char buffer[PAYLOAD * 2];
    for (;;) {
        int size = zmq_recv(socket, buffer, sizeof buffer, 0);
        if (size < 0) break;
        if (zmq_send(socket, buffer, size, 0) < 0) break;
    }
    close_socket(context, socket);
    return NULL;
}

/* ROUTER frontend, DEALER backend, zmq_proxy between them. */
struct proxy_args { char frontend[256]; char backend[256]; void *frontend_context; void *backend_context; int ready; };

static void *proxy(void *raw) {
    struct proxy_args *args = raw;
    void *frontend = open_socket(&args->frontend_context, ZMQ_ROUTER);
    void *backend = open_socket(&args->backend_context, ZMQ_DEALER);
    bind_ephemeral(frontend, args->frontend, sizeof args->frontend);
    bind_ephemeral(backend, args->backend, sizeof args->backend);
    __atomic_store_n(&args->ready, 1, __ATOMIC_RELEASE);
    zmq_proxy(frontend, backend, NULL);  /* returns when a context is terminated */
    zmq_close(frontend);
    zmq_close(backend);
    return NULL;
}

static void wait_for(int *flag, int value) {
    while (__atomic_load_n(flag, __ATOMIC_ACQUIRE) != value) {
        struct timespec pause = {0, 100000};
        nanosleep(&pause, NULL);
    }
}

static int compare(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static double percentile_us(int64_t *sorted, int count, double p) {
    int index = (int)(p / 100 * count + 0.999999) - 1;
    if (index < 0) index = 0;
    if (index >= count) index = count - 1;
    return sorted[index] / 1000.0;
}

/* Round trips on a REQ connected to `endpoint`: prints p50 and p99. */
static void latency(const char *name, const char *endpoint, int round_trips) {
    void *context, *socket = open_socket(&context, ZMQ_REQ);
    check(zmq_connect(socket, endpoint), "zmq_connect");
    char payload[PAYLOAD], reply[PAYLOAD * 2];
    memset(payload, 0x5A, sizeof payload);
    for (int i = 0; i < 1000; i++) {  /* warm-up */
        check(zmq_send(socket, payload, PAYLOAD, 0), "zmq_send");
        check(zmq_recv(socket, reply, sizeof reply, 0), "zmq_recv");
    }
    int64_t *samples = malloc(sizeof *samples * round_trips);
    double cpu_start, cpu_end;
    long switches_start, switches_end;
    process_cost(&cpu_start, &switches_start);
    for (int i = 0; i < round_trips; i++) {
        int64_t start = now_ns();
        check(zmq_send(socket, payload, PAYLOAD, 0), "zmq_send");
        check(zmq_recv(socket, reply, sizeof reply, 0), "zmq_recv");
        samples[i] = now_ns() - start;
    }
    process_cost(&cpu_end, &switches_end);
    qsort(samples, round_trips, sizeof *samples, compare);
    printf("RESULT bench=%s kind=latency n=%d p50_us=%.1f p99_us=%.1f cpu_us_per_call=%.1f csw_per_call=%.1f\n",
           name, round_trips, percentile_us(samples, round_trips, 50), percentile_us(samples, round_trips, 99),
           (cpu_end - cpu_start) / round_trips, (double)(switches_end - switches_start) / round_trips);
    fflush(stdout);
    free(samples);
    close_socket(context, socket);
}

/* A DEALER keeping IN_FLIGHT requests outstanding for `seconds`: prints calls/s. */
static void throughput(const char *name, const char *endpoint, double seconds) {
    void *context, *socket = open_socket(&context, ZMQ_DEALER);
    check(zmq_connect(socket, endpoint), "zmq_connect");
    char payload[PAYLOAD], reply[PAYLOAD * 2];
    memset(payload, 0x5A, sizeof payload);
    for (int i = 0; i < IN_FLIGHT; i++) {
        check(zmq_send(socket, "", 0, ZMQ_SNDMORE), "zmq_send");
        check(zmq_send(socket, payload, PAYLOAD, 0), "zmq_send");
    }
    double cpu_start, cpu_end;
    long switches_start, switches_end;
    process_cost(&cpu_start, &switches_start);
    int64_t start = now_ns(), end = start + (int64_t)(seconds * 1e9);
    long completed = 0, outstanding = IN_FLIGHT;
    while (outstanding > 0) {
        check(zmq_recv(socket, reply, sizeof reply, 0), "zmq_recv");  /* delimiter */
        check(zmq_recv(socket, reply, sizeof reply, 0), "zmq_recv");
        completed++;
        outstanding--;
        if (now_ns() < end) {
            check(zmq_send(socket, "", 0, ZMQ_SNDMORE), "zmq_send");
            check(zmq_send(socket, payload, PAYLOAD, 0), "zmq_send");
            outstanding++;
        }
    }
    double elapsed = (now_ns() - start) / 1e9;
    process_cost(&cpu_end, &switches_end);
    printf("RESULT bench=%s kind=throughput in_flight=%d calls=%ld rps=%.0f cpu_us_per_call=%.1f csw_per_call=%.1f\n",
           name, IN_FLIGHT, completed, completed / elapsed, (cpu_end - cpu_start) / completed,
           (double)(switches_end - switches_start) / completed);
    fflush(stdout);
    close_socket(context, socket);
}

int main(int argc, char **argv) {
    int round_trips = argc > 1 ? atoi(argv[1]) : 5000;
    double seconds = argc > 2 ? atof(argv[2]) : 3;
    int major, minor, patch;
    zmq_version(&major, &minor, &patch);
    printf("RESULT bench=floor-info libzmq=%d.%d.%d\n", major, minor, patch);

    /* Direct: REQ -> REP. */
    pthread_t direct_thread;
    struct echo_args direct = {.connect = 0};
    pthread_create(&direct_thread, NULL, echo_server, &direct);
    wait_for(&direct.connect, 2);
    latency("floor-direct", direct.endpoint, round_trips);

    /* One hop: REQ -> ROUTER/DEALER proxy -> REP. */
    pthread_t proxy_thread, hop_thread;
    struct proxy_args hop = {.ready = 0};
    pthread_create(&proxy_thread, NULL, proxy, &hop);
    wait_for(&hop.ready, 1);
    struct echo_args behind = {.connect = 1};
    strcpy(behind.endpoint, hop.backend);
    pthread_create(&hop_thread, NULL, echo_server, &behind);
    wait_for(&behind.connect, 2);
    latency("floor-hop", hop.frontend, round_trips);
    throughput("floor-hop", hop.frontend, seconds);
    /* The process exits here; the servers and the proxy block in libzmq until then. */
    return 0;
}
