/* SPDX-License-Identifier: Apache-2.0 */
/* Layer api: what the public nis2_* functions build on. */
#ifndef NIS2I_API_H
#define NIS2I_API_H

#include "compile/compile.h"
#include "model/names.h"
#include "model/result.h"
#include "rules/rules.h"



#endif
