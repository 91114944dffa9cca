/* JSON edge: strict parsing and dumping with the library's limits. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

nis2_status nis2i_json_parse(const char *text, size_t len, json_t **out, nis2_error *err)
{
    *out = NULL;
    if (len > NIS2I_MAX_DOC_BYTES)
        return nis2i_fail(err, NIS2_ERR_LIMIT, "$", "document of %zu bytes exceeds the limit of %u bytes", len,
                          NIS2I_MAX_DOC_BYTES);
    if (memchr(text, '\0', len))
        return nis2i_fail(err, NIS2_ERR_PARSE, "$", "document contains a NUL byte");
    json_error_t jerr;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!v)
        return nis2i_fail(err, NIS2_ERR_PARSE, "$", "malformed JSON at line %d column %d: %s", jerr.line, jerr.column,
                          jerr.text);
    *out = v;
    return NIS2_OK;
}

nis2_status nis2i_json_dump(const json_t *v, uint32_t flags, char **out, nis2_error *err)
{
    size_t jf = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
    jf |= (flags & NIS2_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT;
    char *s = json_dumps(v, jf);
    if (!s)
        return nis2i_fail(err, NIS2_ERR_NOMEM, NULL, "out of memory while writing JSON");
    *out = s;
    return NIS2_OK;
}
