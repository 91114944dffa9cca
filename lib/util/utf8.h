/* SPDX-License-Identifier: Apache-2.0 */
/* Layer util: UTF-8 validity (RFC 3629). */
#ifndef NIS2I_UTF8_H
#define NIS2I_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at p (n bytes available), 0 when invalid; replace invalid bytes by '?'. */
size_t nis2i_utf8_seq(const unsigned char *p, size_t n);
void nis2i_utf8_repair(char *s);

#endif
