/* SPDX-License-Identifier: Apache-2.0 */
/* The public headers compile on their own under -std=c11 -pedantic -Werror (and as C++, see cxx.cc). */
#include <nis2/nis2.h>

int main(void)
{
    return nis2_abi_version() == NIS2_SOVERSION ? 0 : 1;
}
