/* fdguard: an LD_PRELOAD shim that catches whoever closes a file descriptor it was told to
 * guard (issue 13: a waitress server's wake-up pipe or listening socket found closed at
 * teardown). close(), dup2() and dup3() onto a guarded descriptor, in the process that
 * guarded it, first raise SIGUSR2, whose handler (faulthandler, set by fdguard.py) writes every
 * Python thread's stack with the closing thread marked "Current thread", and a C stack.
 * Diagnostic only:
 *     gcc -shared -fPIC -O1 -o /tmp/libfdguard.so tools/diagnostics/fdguard.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SLOTS 65536
static volatile unsigned char guarded[SLOTS];
static volatile pid_t owner;
static int report_fd = 2;

void fdguard_guard(int fd) { if (fd >= 0 && fd < SLOTS) { owner = getpid(); guarded[fd] = 1; } }
void fdguard_release(int fd) { if (fd >= 0 && fd < SLOTS) guarded[fd] = 0; }
void fdguard_report_to(int fd) { report_fd = fd; }

static void caught(const char *how, int fd) {
    if (fd < 0 || fd >= SLOTS || !guarded[fd] || getpid() != owner) return;
    guarded[fd] = 0;
    char line[128];
    int n = snprintf(line, sizeof line, "\nfdguard: %s of guarded fd %d in pid %d\n", how, fd, getpid());
    write(report_fd, line, n);
    void *frames[64];
    backtrace_symbols_fd(frames, backtrace(frames, 64), report_fd);
    raise(SIGUSR2);
}

int close(int fd) {
    static int (*real)(int);
    if (!real) real = dlsym(RTLD_NEXT, "close");
    caught("close", fd);
    return real(fd);
}

int dup2(int old, int new) {
    static int (*real)(int, int);
    if (!real) real = dlsym(RTLD_NEXT, "dup2");
    if (old != new) caught("dup2 onto", new);
    return real(old, new);
}

int dup3(int old, int new, int flags) {
    static int (*real)(int, int, int);
    if (!real) real = dlsym(RTLD_NEXT, "dup3");
    caught("dup3 onto", new);
    return real(old, new, flags);
}
