/* schema.c — the attribute table of every declaration kind (see schema.h).
 *
 * One line per attribute. The macros below name the shape and say where the value is stored,
 * by offsetof into the model struct, so the resolver needs no per-attribute code for the common
 * shapes: to add `scope STR` to stages, add `STR("scope", Stage, scope)` and the field. Between
 * the tables and LANGUAGE.md §4 the tables win; docs/language.md is written from them.
 */
#include "schema.h"

#include <math.h>
#include <string.h>

#include "strbuf.h"

/* SH_WORD stores an int into enum fields; this holds for every enum the table writes. */
_Static_assert(sizeof(JourneyState) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(ChannelKind) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(Level) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(OppStatus) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(Severity) == sizeof(int), "enum stored as int");

// clang-format off
#define NO SCHEMA_NO_SLOT
#define KB SCHEMA_KIND_BIT
#define OFF(T, f) offsetof(T, f)

#define STR(n, T, f) {.name = n, .shape = SH_STR, .off = OFF(T, f), .off_has = NO, .off_span = NO}
#define STRS(n, T, f)                                                                              \
  {.name = n, .shape = SH_STR, .flags = ATTR_REPEAT, .off = OFF(T, f), .off_has = NO, .off_span = NO}
#define CHR(n, T, f) {.name = n, .shape = SH_CHAR, .off = OFF(T, f), .off_has = NO, .off_span = NO}
#define NUM(n, T, f, has, lo, hi)                                                                  \
  {.name = n, .shape = SH_NUM, .min = lo, .max = hi, .off = OFF(T, f), .off_has = OFF(T, has),     \
   .off_span = NO}
#define PCT(n, T, f, has)                                                                          \
  {.name = n, .shape = SH_PCT, .min = 0, .max = 1, .off = OFF(T, f), .off_has = OFF(T, has),       \
   .off_span = NO}
#define DATE(n, T, f, has)                                                                         \
  {.name = n, .shape = SH_DATE, .off = OFF(T, f), .off_has = OFF(T, has), .off_span = NO}
#define DUR(n, T, f, has)                                                                          \
  {.name = n, .shape = SH_DURATION, .off = OFF(T, f), .off_has = OFF(T, has), .off_span = NO}
#define WORD(n, T, f, w, base)                                                                     \
  {.name = n, .shape = SH_WORD, .words = w, .word_base = base, .off = OFF(T, f), .off_has = NO,   \
   .off_span = NO}
#define REF(n, fl, k, T, f)                                                                        \
  {.name = n, .shape = SH_REF, .flags = fl, .kinds = k, .off = OFF(T, f), .off_has = NO,           \
   .off_span = NO}
#define REFS(n, k, T, f, count)                                                                    \
  {.name = n, .shape = SH_REFS, .kinds = k, .off = OFF(T, f), .off_has = OFF(T, count),            \
   .off_span = NO}
#define EXPR(n, fl, T, f)                                                                          \
  {.name = n, .shape = SH_EXPR, .flags = fl, .off = OFF(T, f), .off_has = NO, .off_span = NO}
#define TMPL(n, T, f)                                                                              \
  {.name = n, .shape = SH_TEMPLATE, .off = OFF(T, f), .off_has = NO, .off_span = NO}
/* A kind-bound shape: the resolver knows the struct. */
#define BOUND(n, sh, fl, lo, hi)                                                                   \
  {.name = n, .shape = sh, .flags = fl, .min = lo, .max = hi, .off = NO, .off_has = NO,            \
   .off_span = NO}

static const char *const W_STATE[] = {"current", "future", NULL};
static const char *const W_CHANNEL_KIND[] = {"digital", "physical", "human", NULL};
static const char *const W_LEVEL[] = {"low", "medium", "high", NULL};
static const char *const W_STATUS[] = {"idea", "planned", "doing", "done", "dropped", NULL};
static const char *const W_SEVERITY[] = {"error", "warning", "info", NULL};

static const AttrSpec COMMON[] = {
    STR("description", Entity, description),
    STRS("note", Entity, notes),
    {.name = "tag", .shape = SH_TAGS, .flags = ATTR_REPEAT, .off = OFF(Entity, tags),
     .off_has = OFF(Entity, ntags), .off_span = NO},
    BOUND("meta", SH_META, ATTR_REPEAT, 0, 0),
};

static const AttrSpec JOURNEY[] = {
    STRS("goal", Journey, goals),
    STR("scope", Journey, scope),
    WORD("state", Journey, state, W_STATE, STATE_CURRENT),
    REF("owner", 0, KB(EK_TEAM), Journey, owner),
    STR("version", Journey, version),
    DATE("date", Journey, date, has_date),
};

static const AttrSpec PERSONA[] = {
    STR("segment", Persona, segment),
    STRS("goal", Persona, goals),
    STRS("need", Persona, needs),
    STRS("motivation", Persona, motivations),
    STRS("frustration", Persona, frustrations),
    STRS("behavior", Persona, behaviors),
    STR("quote", Persona, quote),
    REFS("channels", KB(EK_CHANNEL), Persona, channels, nchannels),
    PCT("share", Persona, share, has_share),
};

static const AttrSpec STAGE[] = {
    STR("goal", Stage, goal),
    STRS("expectation", Stage, expectations),
};

static const AttrSpec CHANNEL[] = {
    WORD("kind", Channel, channel_kind, W_CHANNEL_KIND, CHANNEL_DIGITAL),
};

static const AttrSpec TEAM[] = {
    STR("lead", Team, lead),
    STR("contact", Team, contact),
};

static const AttrSpec TOUCHPOINT[] = {
    REF("stage", ATTR_REQUIRED, KB(EK_STAGE), Touchpoint, stage),
    REF("channel", 0, KB(EK_CHANNEL), Touchpoint, channel),
    REFS("persona", KB(EK_PERSONA), Touchpoint, personas, npersonas),
    STRS("action", Touchpoint, actions),
    STRS("thought", Touchpoint, thoughts),
    BOUND("emotion", SH_EMOTION, 0, -3, 3),
    BOUND("pain", SH_PAIN, ATTR_REPEAT, 1, 5),
    BOUND("delight", SH_DELIGHT, ATTR_REPEAT, 0, 0),
    STRS("expectation", Touchpoint, expectations),
    STRS("evidence", Touchpoint, evidence),
    STRS("backstage", Touchpoint, backstage),
    STRS("support", Touchpoint, support),
    REF("owner", 0, KB(EK_TEAM), Touchpoint, owner),
    DUR("duration", Touchpoint, duration, has_duration),
    BOUND("metric", SH_METRIC, ATTR_REPEAT, 0, 0),
    BOUND("->", SH_EDGE, ATTR_REPEAT, 0, 0),
};

/* The edge modifiers double as the attributes of a `flow` block. */
static const AttrSpec EDGE_MODS[] = {
    {.name = "rate", .shape = SH_PCT, .min = 0, .max = 1, .off = OFF(Flow, rate),
     .off_has = OFF(Flow, has_rate), .off_span = OFF(Flow, rate_span)},
    NUM("volume", Flow, volume, has_volume, 0, INFINITY),
    STR("label", Flow, label),
    REF("persona", 0, KB(EK_PERSONA), Flow, persona),
};

static const AttrSpec OPPORTUNITY[] = {
    REFS("fixes", KB(EK_TOUCHPOINT) | KB(EK_PAIN), Opportunity, fixes, nfixes),
    WORD("impact", Opportunity, impact, W_LEVEL, LEVEL_LOW),
    WORD("effort", Opportunity, effort, W_LEVEL, LEVEL_LOW),
    REF("owner", 0, KB(EK_TEAM), Opportunity, owner),
    DATE("due", Opportunity, due, has_due),
    WORD("status", Opportunity, status, W_STATUS, STATUS_IDEA),
};

static const AttrSpec KPI[] = {
    EXPR("measure", 0, Kpi, measure),
    NUM("actual", Kpi, actual, has_actual, -INFINITY, INFINITY),
    BOUND("target", SH_TARGET, 0, 0, 0),
    BOUND("baseline", SH_BASELINE, 0, 0, 0),
    STR("unit", Kpi, unit),
    REF("owner", 0, KB(EK_TEAM), Kpi, owner),
    REF("stage", 0, KB(EK_STAGE), Kpi, stage),
    REF("touchpoint", 0, KB(EK_TOUCHPOINT), Kpi, touchpoint),
};

static const AttrSpec DATA[] = {
    CHR("delimiter", DataSet, delimiter),
};

static const AttrSpec CHECK[] = {
    BOUND("for", SH_FOR, 0, 0, 0),
    EXPR("where", 0, Check, where),
    EXPR("assert", ATTR_REQUIRED, Check, assert),
    TMPL("message", Check, message),
    WORD("severity", Check, severity, W_SEVERITY, SEV_ERROR),
};

static const AttrSpec QUERY[] = {
    BOUND("from", SH_FROM, ATTR_REQUIRED, 0, 0),
    EXPR("where", 0, Query, where),
    EXPR("group", 0, Query, group),
    BOUND("select", SH_SELECT, 0, 0, 0),
    BOUND("order", SH_ORDER, 0, 0, 0),
    EXPR("limit", 0, Query, limit),
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))
#define KIND(dk, nm, hdr, table) [dk] = {dk, nm, hdr, table, COUNT(table), true}
#define BARE(dk, nm, hdr) [dk] = {dk, nm, hdr, NULL, 0, false}
#define EMPTY(dk, nm, hdr) [dk] = {dk, nm, hdr, NULL, 0, true}

static const KindSchema KINDS[DK__COUNT] = {
    KIND(DK_JOURNEY, "journey", "journey \"Title\" { … }", JOURNEY),
    BARE(DK_USE, "use", "use std.module  or  use \"file.jny\""),
    BARE(DK_LET, "let", "let NAME = EXPRESSION"),
    KIND(DK_PERSONA, "persona", "persona ID \"Name\" { … }", PERSONA),
    KIND(DK_STAGE, "stage", "stage ID \"Name\" { … }", STAGE),
    KIND(DK_CHANNEL, "channel", "channel ID \"Name\" { … }", CHANNEL),
    KIND(DK_TEAM, "team", "team ID \"Name\" { … }", TEAM),
    KIND(DK_TOUCHPOINT, "touchpoint", "touchpoint ID \"Name\" { … }", TOUCHPOINT),
    EMPTY(DK_OUTCOME, "outcome", "outcome ID \"Name\" success|failure"),
    KIND(DK_FLOW, "flow", "flow A -> B [-> C …] [rate 30%] [volume N] [label \"text\"] [persona P] { … }", EDGE_MODS),
    KIND(DK_OPPORTUNITY, "opportunity", "opportunity ID \"Name\" { … }", OPPORTUNITY),
    KIND(DK_KPI, "kpi", "kpi ID \"Name\" { … }", KPI),
    KIND(DK_DATA, "data", "data ID from \"file.csv\" { … }", DATA),
    KIND(DK_CHECK, "check", "check ID \"Name\" { … }", CHECK),
    KIND(DK_QUERY, "query", "query ID \"Name\" { … }", QUERY),
};

/* The per-declaration "seen" table in the resolver is sized by SCHEMA_MAX_ATTRS. */
#define FITS(t) _Static_assert(COUNT(t) + COUNT(COMMON) <= SCHEMA_MAX_ATTRS, "raise SCHEMA_MAX_ATTRS")
FITS(JOURNEY); FITS(PERSONA); FITS(STAGE); FITS(CHANNEL); FITS(TEAM); FITS(TOUCHPOINT);
FITS(EDGE_MODS); FITS(OPPORTUNITY); FITS(KPI); FITS(DATA); FITS(CHECK); FITS(QUERY);
// clang-format on

static const struct {
  const char *name;
  EntityKind kind;
} COLLECTIONS[COLL__COUNT] = {
    [COLL_PERSONAS] = {"personas", EK_PERSONA},
    [COLL_STAGES] = {"stages", EK_STAGE},
    [COLL_CHANNELS] = {"channels", EK_CHANNEL},
    [COLL_TEAMS] = {"teams", EK_TEAM},
    [COLL_TOUCHPOINTS] = {"touchpoints", EK_TOUCHPOINT},
    [COLL_OUTCOMES] = {"outcomes", EK_OUTCOME},
    [COLL_FLOWS] = {"flows", EK_FLOW},
    [COLL_PAINS] = {"pains", EK_PAIN},
    [COLL_DELIGHTS] = {"delights", EK_DELIGHT},
    [COLL_OPPORTUNITIES] = {"opportunities", EK_OPPORTUNITY},
    [COLL_KPIS] = {"kpis", EK_KPI},
};

const char *schema_collection_name(CollectionKind coll) {
  return (unsigned)coll < COLL__COUNT ? COLLECTIONS[coll].name : "";
}

EntityKind schema_collection_kind(CollectionKind coll) {
  return (unsigned)coll < COLL__COUNT ? COLLECTIONS[coll].kind : EK__COUNT;
}

bool schema_collection_lookup(const char *name, CollectionKind *out) {
  for (int i = 0; i < COLL__COUNT; i++)
    if (strcmp(COLLECTIONS[i].name, name) == 0) {
      if (out) *out = (CollectionKind)i;
      return true;
    }
  return false;
}

const KindSchema *schema_kind(DeclKind kind) {
  return (unsigned)kind < DK__COUNT ? &KINDS[kind] : NULL;
}

const AttrSpec *schema_common_attrs(size_t *n) {
  *n = COUNT(COMMON);
  return COMMON;
}

size_t schema_attr_count(DeclKind kind) {
  const KindSchema *ks = schema_kind(kind);
  if (!ks || !ks->takes_block) return 0;
  return ks->nattrs + COUNT(COMMON);
}

const AttrSpec *schema_attr_at(DeclKind kind, size_t i) {
  const KindSchema *ks = schema_kind(kind);
  if (!ks || i >= schema_attr_count(kind)) return NULL;
  return i < ks->nattrs ? &ks->attrs[i] : &COMMON[i - ks->nattrs];
}

const AttrSpec *schema_attr_find(DeclKind kind, const char *name, size_t *index) {
  size_t n = schema_attr_count(kind);
  for (size_t i = 0; i < n; i++) {
    const AttrSpec *spec = schema_attr_at(kind, i);
    if (strcmp(spec->name, name) == 0) {
      if (index) *index = i;
      return spec;
    }
  }
  return NULL;
}

const AttrSpec *schema_edge_modifiers(size_t *n) {
  *n = COUNT(EDGE_MODS);
  return EDGE_MODS;
}

const AttrSpec *schema_edge_modifier_find(const char *name) {
  for (size_t i = 0; i < COUNT(EDGE_MODS); i++)
    if (strcmp(EDGE_MODS[i].name, name) == 0) return &EDGE_MODS[i];
  return NULL;
}

const char *schema_article(const char *word) {
  return word && strchr("aeiouAEIOU", word[0]) && word[0] ? "an" : "a";
}

/* "current or future" (sep ", ", last " or ") and "current|future" (both "|") */
static void put_word_choice(StrBuf *sb, const char *const *words, const char *sep,
                            const char *last_sep) {
  size_t n = 0;
  while (words[n]) n++;
  for (size_t i = 0; i < n; i++) {
    if (i) sb_puts(sb, i + 1 == n ? last_sep : sep);
    sb_puts(sb, words[i]);
  }
}

const char *schema_kinds_text(Arena *a, unsigned kinds, bool articles) {
  StrBuf sb;
  sb_init(&sb, a);
  bool first = true;
  for (int k = 0; k < EK__COUNT; k++) {
    if (!(kinds & KB(k))) continue;
    const char *name = model_kind_name((EntityKind)k);
    if (!first) sb_puts(&sb, " or ");
    if (articles) sb_printf(&sb, "%s ", schema_article(name));
    sb_puts(&sb, name);
    first = false;
  }
  return arena_strdup(a, sb_str(&sb));
}

/* "TOUCHPOINT|OUTCOME": a placeholder for a reference in a usage line. */
static void put_kind_placeholder(StrBuf *sb, unsigned kinds) {
  bool first = true;
  for (int k = 0; k < EK__COUNT; k++) {
    if (!(kinds & KB(k))) continue;
    if (!first) sb_putc(sb, '|');
    for (const char *p = model_kind_name((EntityKind)k); *p; p++)
      sb_putc(sb, (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p));
    first = false;
  }
}

static const char *const SYNTAX[SH__COUNT] = {
    [SH_STR] = "\"text\"",
    [SH_CHAR] = "\",\"",
    [SH_NUM] = "N",
    [SH_PCT] = "35%",
    [SH_INT] = "N",
    [SH_DATE] = "YYYY-MM-DD",
    [SH_DURATION] = "15min",
    [SH_TAGS] = "NAME, …",
    [SH_EXPR] = "EXPRESSION",
    [SH_TEMPLATE] = "\"text with {expression}\"",
    [SH_EMOTION] = "N|NAME [\"label\"]",
    [SH_PAIN] = "[ID] \"text\" [severity 1..5]",
    [SH_DELIGHT] = "[ID] \"text\"",
    [SH_BASELINE] = "N [on YYYY-MM-DD]",
    [SH_TARGET] = ">=|<=|==|>|< N",
    [SH_METRIC] = "NAME = EXPRESSION",
    [SH_META] = "KEY = LITERAL",
    [SH_FOR] = "X in EXPRESSION [where CONDITION]",
    [SH_FROM] = "X in EXPRESSION",
    [SH_SELECT] = "EXPRESSION [as NAME], …",
    [SH_ORDER] = "EXPRESSION [asc|desc], …",
    [SH_EDGE] = "TOUCHPOINT|OUTCOME [rate 30%] [volume N] [label \"text\"] [persona PERSONA]",
};

const char *schema_attr_syntax(Arena *a, const AttrSpec *spec) {
  StrBuf sb;
  sb_init(&sb, a);
  sb_printf(&sb, "%s ", spec->name);
  if (spec->shape == SH_WORD)
    put_word_choice(&sb, spec->words, "|", "|");
  else if (spec->shape == SH_REF)
    put_kind_placeholder(&sb, spec->kinds);
  else if (spec->shape == SH_REFS) {
    put_kind_placeholder(&sb, spec->kinds);
    sb_puts(&sb, ", …");
  } else
    sb_puts(&sb, SYNTAX[spec->shape]);
  return arena_strdup(a, sb_str(&sb));
}

static void put_range(StrBuf *sb, const char *what, double lo, double hi) {
  if (isinf(lo) && isinf(hi))
    sb_printf(sb, "%s", what);
  else if (isinf(hi))
    sb_printf(sb, "%s of %g or more", what, lo);
  else if (isinf(lo))
    sb_printf(sb, "%s of %g or less", what, hi);
  else
    sb_printf(sb, "%s from %g to %g", what, lo, hi);
}

static const char *const TAKES[SH__COUNT] = {
    [SH_STR] = "a text in double quotes",
    [SH_CHAR] = "a single character in double quotes",
    [SH_PCT] = "a percent such as 35%, or a number from 0 to 1",
    [SH_DATE] = "a date such as 2027-01-31",
    [SH_DURATION] = "a duration such as 90s, 15min, 2h, 3d or 2w",
    [SH_TAGS] = "tag names separated by commas",
    [SH_EXPR] = "an expression",
    [SH_TEMPLATE] = "a text in double quotes, with {expression} parts if needed",
    [SH_DELIGHT] = "an optional id and a text in double quotes",
    [SH_BASELINE] = "a number and an optional `on YYYY-MM-DD`",
    [SH_TARGET] = "a comparison (>=, <=, ==, > or <) and a number, such as `target >= 45%`",
    [SH_METRIC] = "a name, `=` and an expression, such as `metric open_rate = 42%`",
    [SH_META] = "a key, `=` and a literal (text, number, percent, date, duration, true, false "
                "or none)",
    [SH_FOR] = "`for x in COLLECTION` and an optional `where CONDITION`",
    [SH_FROM] = "`from x in COLLECTION`",
    [SH_SELECT] = "expressions separated by commas, each with an optional `as name`",
    [SH_ORDER] = "expressions separated by commas, each with an optional asc or desc",
    [SH_EDGE] = "a touchpoint or outcome, then optional `rate 30%`, `volume N`, `label \"text\"` "
                "and `persona P`",
};

const char *schema_attr_takes(Arena *a, const AttrSpec *spec) {
  StrBuf sb;
  sb_init(&sb, a);
  switch (spec->shape) {
  case SH_NUM: put_range(&sb, "a number", spec->min, spec->max); break;
  case SH_INT: put_range(&sb, "a whole number", spec->min, spec->max); break;
  case SH_WORD:
    sb_puts(&sb, "one of ");
    put_word_choice(&sb, spec->words, ", ", " or ");
    break;
  case SH_REF: sb_printf(&sb, "one %s id", schema_kinds_text(a, spec->kinds, false)); break;
  case SH_REFS:
    sb_printf(&sb, "%s ids separated by commas", schema_kinds_text(a, spec->kinds, false));
    break;
  case SH_EMOTION:
    put_range(&sb, "a number", spec->min, spec->max);
    sb_puts(&sb, " and an optional label");
    break;
  case SH_PAIN:
    sb_printf(&sb, "an optional id, a text in double quotes and an optional `severity %g..%g`",
              spec->min, spec->max);
    break;
  default: sb_puts(&sb, TAKES[spec->shape] ? TAKES[spec->shape] : "arguments"); break;
  }
  return arena_strdup(a, sb_str(&sb));
}
