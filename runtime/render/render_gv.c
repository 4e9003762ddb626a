/* render_gv.c — the Graphviz backend, and the only file that includes <gvc.h>.
 *
 * The views hand over DOT source (render.h); this file parses it with libcgraph, lays it out
 * and draws it with libgvc into memory (never running the `dot` program), then copies the
 * bytes into the arena. Facts it relies on were checked against Graphviz 2.42 on Debian 12
 * (../shared/notes/graphviz.md):
 *   - one GVC_t per process, freed at the end; gvFreeLayout before agclose;
 *   - object ids: by default a named object's id is the address of its interned name, and
 *     subgraphs are visited in id order, so clusters come out in an order that depends on the
 *     allocator. A small id discipline (below) numbers objects in creation order instead, which
 *     makes the output the same bytes in every build (ASan included);
 *   - Graphviz reports problems through agerr; agseterrf routes them here, and they become
 *     diagnostics instead of lines on standard error.
 */
#include <gvc.h>
#include <stdint.h>
#include <string.h>

#include "render.h"

/* ---- reading DOT from memory (an io discipline over a buffer) ---- */

typedef struct GvInput {
  const char *at;
  size_t left;
} GvInput;

static int gv_read_chunk(void *chan, char *buf, int bufsize) {
  GvInput *in = chan;
  size_t n = in->left < (size_t)bufsize ? in->left : (size_t)bufsize;
  memcpy(buf, in->at, n);
  in->at += n;
  in->left -= n;
  return (int)n;
}

/* ---- ids in creation order ---- */

/* The discipline struct comes first, so that cgraph's Agdisc_t pointer leads back here. */
typedef struct GvDisc {
  Agdisc_t disc;
  Agiddisc_t id;
  Agiodisc_t io;
  Arena *arena;
  Agraph_t *root;
  char **names;  /* id 2k+2 is names[k], interned in the root graph (agwrite reads them back) */
  size_t *slots; /* open-addressing table of name index + 1; 0 = empty */
  size_t nnames, nslots;
  IDTYPE next_anon; /* anonymous objects (edges) get odd ids */
} GvDisc;

static size_t gv_hash(const char *s) {
  size_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

static void gv_grow(GvDisc *d) {
  size_t n = d->nslots ? d->nslots * 2 : 256;
  d->slots = arena_alloc(d->arena, n * sizeof *d->slots);
  d->nslots = n;
  char **names = arena_alloc(d->arena, n / 2 * sizeof *names);
  if (d->nnames) memcpy(names, d->names, d->nnames * sizeof *names);
  d->names = names;
  for (size_t k = 0; k < d->nnames; k++) {
    size_t i = gv_hash(names[k]) & (n - 1);
    while (d->slots[i]) i = (i + 1) & (n - 1);
    d->slots[i] = k + 1;
  }
}

static void *gv_id_open(Agraph_t *g, Agdisc_t *disc) {
  GvDisc *d = (GvDisc *)disc;
  d->root = g;
  return d;
}

static long gv_id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
  (void)objtype;
  GvDisc *d = state;
  if (!str) {
    *id = d->next_anon;
    d->next_anon += 2;
    return 1;
  }
  if (d->nnames * 2 >= d->nslots) gv_grow(d);
  size_t i = gv_hash(str) & (d->nslots - 1);
  for (; d->slots[i]; i = (i + 1) & (d->nslots - 1))
    if (strcmp(d->names[d->slots[i] - 1], str) == 0) {
      *id = (IDTYPE)(2 * d->slots[i]);
      return 1;
    }
  if (!createflag) return 0;
  d->names[d->nnames++] = agstrdup(d->root, str);
  d->slots[i] = d->nnames;
  *id = (IDTYPE)(2 * d->nnames);
  return 1;
}

static long gv_id_alloc(void *state, int objtype, IDTYPE id) {
  (void)state, (void)objtype, (void)id;
  return 0; /* ids chosen by the caller are not supported (cgraph's default says the same) */
}

static void gv_id_free(void *state, int objtype, IDTYPE id) {
  (void)state, (void)objtype, (void)id;
}

static char *gv_id_print(void *state, int objtype, IDTYPE id) {
  (void)objtype;
  GvDisc *d = state;
  if (id % 2 != 0 || id == 0 || id / 2 > d->nnames) return NULL;
  return d->names[id / 2 - 1];
}

static void gv_id_close(void *state) { (void)state; }
static void gv_id_register(void *state, int objtype, void *obj) {
  (void)state, (void)objtype, (void)obj;
}

static void gv_disc_init(GvDisc *d, Arena *a) {
  memset(d, 0, sizeof *d);
  d->arena = a;
  d->next_anon = 1;
  d->id = (Agiddisc_t){gv_id_open,  gv_id_map,   gv_id_alloc,   gv_id_free,
                       gv_id_print, gv_id_close, gv_id_register};
  d->io = AgIoDisc;
  d->io.afread = gv_read_chunk;
  d->disc.mem = NULL; /* cgraph's default allocator */
  d->disc.id = &d->id;
  d->disc.io = &d->io;
}

/* ---- Graphviz's messages ---- */

/* Where Graphviz's messages go while a backend is open. agseterrf takes a bare function with
 * no context pointer, so this is the one piece of file-scope state in runtime/; there is one
 * backend per process, and Graphviz is single-threaded anyway. */
static StrBuf *gv_messages;

/* Graphviz hands a message over in fragments: "Error" or "Warning", ": ", then the text, and
 * continuation lines with no level. A record separator before each level word splits them. */
static int gv_collect(char *fragment) {
  if (!gv_messages) return 0;
  if (strcmp(fragment, "Error") == 0 || strcmp(fragment, "Warning") == 0)
    sb_putc(gv_messages, '\x1e');
  sb_puts(gv_messages, fragment);
  return 0;
}

/* One message: "Error: text" or "Warning: text" (continuation lines joined with spaces). */
static bool gv_add_message(DiagList *diags, const char *s, size_t n) {
  bool is_warning = n >= 9 && strncmp(s, "Warning: ", 9) == 0;
  size_t skip = is_warning ? 9 : n >= 7 && strncmp(s, "Error: ", 7) == 0 ? 7 : 0;
  s += skip;
  n -= skip;
  while (n && (s[n - 1] == '\n' || s[n - 1] == ' ')) n--;
  if (!n) return false;
  char *text = arena_strndup(diags->arena, s, n);
  for (char *q = text; *q; q++)
    if (*q == '\n') *q = ' '; /* continuation lines ("in label of node n3") */
  Span none = {0};
  diag_add_sev(diags, D_GRAPHVIZ, is_warning ? SEV_WARNING : SEV_ERROR, false, none, "Graphviz: %s",
               text);
  return !is_warning;
}

/* Turns the collected messages into diagnostics and empties the buffer. Returns whether any
 * was an error. */
static bool gv_flush_messages(StrBuf *msgs, DiagList *diags) {
  bool error = false;
  const char *s = sb_str(msgs);
  while (*s) {
    if (*s == '\x1e') s++;
    const char *end = strchr(s, '\x1e');
    size_t n = end ? (size_t)(end - s) : strlen(s);
    error |= gv_add_message(diags, s, n);
    s += n;
  }
  msgs->len = 0;
  return error;
}

/* ---- the render ---- */

static const char *gv_format_name(RenderFormat f) {
  switch (f) {
  case RENDER_FORMAT_PNG: return "png";
  case RENDER_FORMAT_PDF: return "pdf";
  case RENDER_FORMAT_DOT: return "dot";
  case RENDER_FORMAT_SVG: break;
  }
  return "svg";
}

/* Layout and drawing of a parsed graph; false when Graphviz failed. */
static bool gv_layout_and_draw(Arena *a, GVC_t *gvc, Agraph_t *g, const RenderGraph *rg,
                               RenderFormat format, const char **out, size_t *out_len) {
  if (gvLayout(gvc, g, (char *)rg->engine) != 0) return false;
  char *buf = NULL;
  unsigned int len = 0;
  bool ok = gvRenderData(gvc, g, (char *)gv_format_name(format), &buf, &len) == 0 && buf;
  if (ok) {
    char *copy = arena_alloc(a, (size_t)len + 1);
    memcpy(copy, buf, len);
    *out = copy;
    *out_len = len;
  }
  if (buf) gvFreeRenderData(buf);
  gvFreeLayout(gvc, g);
  return ok;
}

struct RenderBackend {
  Arena *arena;
  GVC_t *gvc;
  StrBuf messages;
  agusererrf previous;
};

RenderBackend *render_backend_open(Arena *a) {
  RenderBackend *b = arena_alloc(a, sizeof *b);
  b->arena = a;
  sb_init(&b->messages, a);
  gv_messages = &b->messages;
  b->previous = agseterrf(gv_collect);
  b->gvc = gvContext();
  return b;
}

void render_backend_close(RenderBackend *b) {
  gvFreeContext(b->gvc);
  agseterrf(b->previous);
  gv_messages = NULL;
}

bool render_draw(RenderBackend *b, const RenderGraph *rg, RenderFormat format, const char **out,
                 size_t *out_len, DiagList *diags) {
  size_t errors_before = diags->errors;
  gv_flush_messages(&b->messages, diags); /* anything said while opening */
  GvDisc disc;
  gv_disc_init(&disc, b->arena);
  GvInput in = {rg->dot, rg->len};
  Agraph_t *g = agread(&in, &disc.disc);
  bool ok = g != NULL && !gv_flush_messages(&b->messages, diags);
  if (ok && format == RENDER_FORMAT_DOT) {
    *out = rg->dot; /* parsed cleanly: the source is the output */
    *out_len = rg->len;
  } else if (ok) {
    ok = gv_layout_and_draw(b->arena, b->gvc, g, rg, format, out, out_len);
  }
  if (g) agclose(g);
  if (gv_flush_messages(&b->messages, diags)) ok = false;
  if (!ok && diags->errors == errors_before)
    diag_add_global(diags, D_GRAPHVIZ, "Graphviz could not draw the journey (no message given)");
  return ok;
}

/* Graphviz keeps a few allocations until exit by design (its plugin configuration, a message
 * buffer, font caches) and dot leaks a little per cluster (notes §2.4). None of that is jny's
 * to fix, so the sanitizer build tells LeakSanitizer to ignore allocations made inside
 * Graphviz and the libraries it draws with. */
#if defined(__SANITIZE_ADDRESS__)
const char *__lsan_default_options(void);
const char *__lsan_default_suppressions(void);
/* Without this, LeakSanitizer reports the suppressions it used, which is noise, not a finding. */
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
const char *__lsan_default_suppressions(void) {
  return "leak:libgvc.so\nleak:libcgraph.so\nleak:libcdt.so\nleak:libgvplugin_\n"
         "leak:libpango\nleak:libcairo\nleak:libfontconfig\nleak:libglib\nleak:libgobject\n"
         "leak:libharfbuzz\nleak:libfreetype\nleak:libexpat\n";
}
#endif
