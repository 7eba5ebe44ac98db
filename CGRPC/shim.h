#ifndef ERUTOP_CGRPC_SHIM_H
#define ERUTOP_CGRPC_SHIM_H

// glibc first, with default feature macros: grpc's port_platform.h defines _GNU_SOURCE, and if
// it came first the textually included glibc headers (fd_set) would differ from the copies that
// Foundation/Dispatch saw, and every file importing both would fail to build.
#include <features.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>
#include <sys/select.h>

#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/byte_buffer.h>
#include <grpc/byte_buffer_reader.h>
#include <grpc/slice.h>
#include <grpc/support/alloc.h>
#include <grpc/support/log.h>
#include <grpc/support/time.h>

/// GRPC_SLICE_START_PTR is a function-like macro; Swift cannot import it. Takes a pointer on
/// purpose: a small slice stores its bytes inline, so the start of a by-value copy would point
/// into this function's own stack frame.
static inline const uint8_t *cgrpc_slice_start(const grpc_slice *s) { return GRPC_SLICE_START_PTR(*s); }

/// GRPC_SLICE_LENGTH is a function-like macro; Swift cannot import it.
static inline size_t cgrpc_slice_length(const grpc_slice *s) { return GRPC_SLICE_LENGTH(*s); }

/// GRPC_PROPAGATE_DEFAULTS is a cast expression the importer rejects.
static inline uint32_t cgrpc_propagate_defaults(void) { return GRPC_PROPAGATE_DEFAULTS; }

/// A monotonic deadline `ms` milliseconds from now.
static inline gpr_timespec cgrpc_deadline_after_ms(int64_t ms) {
    return gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), gpr_time_from_millis(ms, GPR_TIMESPAN));
}

#endif
