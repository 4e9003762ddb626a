/* model.c — the little the model offers besides its data (see model.h): kind names for
 * messages and exports, and lookup by id through the namespace table the resolver built. */
#include "model.h"

#include <math.h>

#include "symtab.h"

// clang-format off
static const char *const KIND_NAMES[EK__COUNT] = {
    [EK_JOURNEY] = "journey",       [EK_PERSONA] = "persona",
    [EK_STAGE] = "stage",           [EK_CHANNEL] = "channel",
    [EK_TEAM] = "team",             [EK_TOUCHPOINT] = "touchpoint",
    [EK_PAIN] = "pain",             [EK_DELIGHT] = "delight",
    [EK_OUTCOME] = "outcome",       [EK_FLOW] = "flow",
    [EK_OPPORTUNITY] = "opportunity", [EK_KPI] = "kpi",
    [EK_DATA] = "data",             [EK_CHECK] = "check",
    [EK_QUERY] = "query",           [EK_LET] = "let",
};
// clang-format on

const char *model_kind_name(EntityKind kind) {
  return (unsigned)kind < EK__COUNT ? KIND_NAMES[kind] : "entity";
}

Entity *model_lookup(const Model *m, const char *id) {
  if (!m || !m->symbols || !id) return NULL;
  return symtab_get(m->symbols, id);
}

/* Within one part in a billion counts as equal, so that the rounding of a measure's arithmetic
 * (0.3 * 0.7 …) does not flip a target it meets exactly. */
bool model_kpi_met(const Kpi *k, double value) {
  double t = k->target;
  double eps = 1e-9 * (fabs(t) > 1 ? fabs(t) : 1);
  bool eq = fabs(value - t) <= eps;
  switch (k->target_op) {
  case TARGET_GE: return value >= t || eq;
  case TARGET_LE: return value <= t || eq;
  case TARGET_EQ: return eq;
  case TARGET_GT: return value > t && !eq;
  case TARGET_LT: return value < t && !eq;
  case TARGET_NONE: break;
  }
  return false;
}
