/* date.c — civil dates as day numbers (proleptic Gregorian), for the scanner's date literals
 * and later date arithmetic. Algorithms after H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms". */
#include <stdbool.h>

#include "parse.h"

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int DAYS[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : DAYS[m - 1];
}

bool date_from_ymd(int y, int m, int d, Date *out) {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  int yy = m <= 2 ? y - 1 : y;
  int era = (yy >= 0 ? yy : yy - 399) / 400;
  int yoe = yy - era * 400;
  int mp = (m + 9) % 12;
  int doy = (153 * mp + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  out->days = era * 146097 + doe - 719468;
  out->year = (int16_t)y;
  out->month = (int8_t)m;
  out->day = (int8_t)d;
  return true;
}

Date date_from_days(int32_t z) {
  z += 719468;
  int32_t era = (z >= 0 ? z : z - 146096) / 146097;
  int32_t doe = z - era * 146097;
  int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int32_t y = yoe + era * 400;
  int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int32_t mp = (5 * doy + 2) / 153;
  int32_t d = doy - (153 * mp + 2) / 5 + 1;
  int32_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y++;
  Date out = {z - 719468, (int16_t)y, (int8_t)m, (int8_t)d};
  return out;
}
