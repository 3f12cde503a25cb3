// GMime 3 (Debian libgmime-3.0-dev) with functions for the GObject cast and type-check
// macros, which Swift cannot call.
#ifndef GLIMLACH_CGMIME_SHIM_H
#define GLIMLACH_CGMIME_SHIM_H

#include <gmime/gmime.h>

static inline GMimeObject *glim_object(gpointer value) { return GMIME_OBJECT(value); }
static inline gboolean glim_is_multipart(gpointer value) { return GMIME_IS_MULTIPART(value); }
static inline gboolean glim_is_part(gpointer value) { return GMIME_IS_PART(value); }
static inline gboolean glim_is_message_part(gpointer value) { return GMIME_IS_MESSAGE_PART(value); }
static inline gboolean glim_is_text_part(gpointer value) { return GMIME_IS_TEXT_PART(value); }
static inline GMimeTextPart *glim_text_part(gpointer value) { return GMIME_TEXT_PART(value); }
static inline GMimeMessagePart *glim_message_part(gpointer value) { return GMIME_MESSAGE_PART(value); }
static inline GMimeMultipart *glim_multipart(gpointer value) { return GMIME_MULTIPART(value); }
static inline GMimePart *glim_part(gpointer value) { return GMIME_PART(value); }
static inline GMimeStream *glim_stream(gpointer value) { return GMIME_STREAM(value); }
static inline GMimeStreamMem *glim_stream_mem(gpointer value) { return GMIME_STREAM_MEM(value); }
static inline GMimeStreamFilter *glim_stream_filter(gpointer value) { return GMIME_STREAM_FILTER(value); }
static inline gboolean glim_is_mailbox(gpointer value) { return INTERNET_ADDRESS_IS_MAILBOX(value); }
static inline InternetAddressMailbox *glim_mailbox(gpointer value) { return INTERNET_ADDRESS_MAILBOX(value); }
static inline InternetAddressGroup *glim_group(gpointer value) { return INTERNET_ADDRESS_GROUP(value); }
static inline InternetAddress *glim_address(gpointer value) { return INTERNET_ADDRESS(value); }
static inline void glim_unref(gpointer value) { if (value) g_object_unref(value); }

/// The bytes of a GByteArray and its length (the struct's fields, for Swift).
static inline const guint8 *glim_bytes(GByteArray *array) { return array->data; }
static inline guint glim_bytes_length(GByteArray *array) { return array->len; }

#endif
