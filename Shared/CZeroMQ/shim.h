// libzmq (Debian libzmq3-dev) plus the few helpers Swift cannot call directly.
#ifndef GLIMLACH_CZEROMQ_SHIM_H
#define GLIMLACH_CZEROMQ_SHIM_H

#include <zmq.h>
#include <errno.h>
#include <unistd.h>
#include <sys/eventfd.h>

/// A non-blocking eventfd used to wake a zmq_poll loop from other threads.
/// Returns the fd, or -1 with errno set (EMFILE, ENFILE, ENOMEM).
static inline int glim_wakeup_open(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

/// Adds one to the counter so the fd turns readable. Never blocks: a full
/// counter (EAGAIN) already means "readable", which is all a wake-up needs.
static inline void glim_wakeup_signal(int fd) {
    uint64_t one = 1;
    ssize_t written = write(fd, &one, sizeof one);
    (void)written;
}

/// Resets the counter after the loop woke up. EAGAIN (nothing pending) is fine.
static inline void glim_wakeup_drain(int fd) {
    uint64_t value;
    ssize_t got = read(fd, &value, sizeof value);
    (void)got;
}

static inline int glim_errno(void) { return errno; }

#endif
