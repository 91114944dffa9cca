/* SPDX-License-Identifier: Apache-2.0 */
/* Layer util: SHA-1 (FIPS 180-4) and name-based UUIDs, version 5 (RFC 9562 section 5.5), for the stable
 * identifiers of the exchange formats (OSCAL uuids). Uses nothing above it. */
#ifndef NIS2I_UUID_H
#define NIS2I_UUID_H

#include <stddef.h>
#include <stdint.h>

void nis2i_sha1(const void *data, size_t len, uint8_t out[20]);
/* The namespace of every libnis2 exchange identifier (a fixed, random version-4 UUID). */
extern const uint8_t nis2i_uuid_ns_libnis2[16];
/* Version-5 UUID of name (UTF-8 bytes) in namespace ns, as 36 lower-case characters and a NUL. */
void nis2i_uuid5(const uint8_t ns[16], const char *name, char out[37]);

#endif
