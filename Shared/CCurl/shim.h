// libcurl (Debian libcurl4-openssl-dev) with typed wrappers for its variadic calls,
// which Swift cannot call directly.
#ifndef GLIMLACH_CCURL_SHIM_H
#define GLIMLACH_CCURL_SHIM_H

#include <curl/curl.h>

/// curl_easy_setopt for the options that take a long (timeouts, flags, enums).
static inline CURLcode glim_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for the options that take a C string (curl copies it).
static inline CURLcode glim_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for the options that take a pointer (lists, callback data).
static inline CURLcode glim_curl_set_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/// curl_easy_setopt for CURLOPT_WRITEFUNCTION and CURLOPT_READFUNCTION.
static inline CURLcode glim_curl_set_data_function(
    CURL *handle, CURLoption option, size_t (*function)(char *, size_t, size_t, void *)) {
    return curl_easy_setopt(handle, option, function);
}

/// curl_easy_setopt for CURLOPT_DEBUGFUNCTION.
static inline CURLcode glim_curl_set_debug_function(
    CURL *handle, int (*function)(CURL *, curl_infotype, char *, size_t, void *)) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, function);
}

/// curl_easy_setopt for CURLOPT_XFERINFOFUNCTION.
static inline CURLcode glim_curl_set_progress_function(
    CURL *handle, int (*function)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t)) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, function);
}

/// curl_easy_getinfo for the infos that give a long (CURLINFO_RESPONSE_CODE).
static inline long glim_curl_info_long(CURL *handle, CURLINFO info) {
    long value = 0;
    if (curl_easy_getinfo(handle, info, &value) != CURLE_OK) return 0;
    return value;
}

#endif
