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

#endif
