// libprotobuf-c (Debian libprotobuf-c-dev): the runtime the generated code in
// Shared/GlimlachProto links against, and the descriptors the Wire module walks.
#ifndef GLIMLACH_CPROTOBUFC_SHIM_H
#define GLIMLACH_CPROTOBUFC_SHIM_H

#include <protobuf-c/protobuf-c.h>
#include <stdlib.h>

/// Calls the message's init function through its descriptor (a function pointer
/// Swift can call too, kept here so callers need no pointer casts).
static inline void glim_message_init(const ProtobufCMessageDescriptor *descriptor, void *message) {
    descriptor->message_init((ProtobufCMessage *)message);
}

/// Allocation for unpacking that keeps each block's size in the 16 bytes before it.
/// protobuf-c copies a string's wire bytes into a block one byte longer and ends it
/// with NUL, so a string whose strlen is shorter than its block had a NUL inside,
/// which a C string would silently cut (see `glim_sized_block_size`).
static inline void *glim_sized_alloc(void *allocator_data, size_t size) {
    (void)allocator_data;
    unsigned char *block = malloc(size + 16);
    if (block == NULL) return NULL;
    *(size_t *)block = size;
    return block + 16;
}

static inline void glim_sized_free(void *allocator_data, void *pointer) {
    (void)allocator_data;
    if (pointer != NULL) free((unsigned char *)pointer - 16);
}

/// The size asked for when `pointer` was allocated by `glim_sized_allocator()`.
static inline size_t glim_sized_block_size(const void *pointer) {
    return *(const size_t *)((const unsigned char *)pointer - 16);
}

/// The allocator to pass to `*_unpack` and the matching `*_free_unpacked`.
static inline ProtobufCAllocator *glim_sized_allocator(void) {
    static ProtobufCAllocator allocator = {glim_sized_alloc, glim_sized_free, NULL};
    return &allocator;
}

#endif
