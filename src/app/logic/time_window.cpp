#include "app/logic/time_window.h"

#include <algorithm>
#include <cmath>

namespace attune {

void TimeWindow::clamp() {
  const Micros s = std::clamp<Micros>(t1 - t0, kMinSpan, kMaxSpan);
  t0 = std::max<Micros>(0, t0);
  t1 = t0 + s;
}

void TimeWindow::set(Micros start, Micros end) {
  t0 = start;
  t1 = end;
  clamp();
}

void TimeWindow::zoom(double factor, Micros anchor) {
  const double s = static_cast<double>(t1 - t0);
  const double next = std::clamp(s * factor, static_cast<double>(kMinSpan), static_cast<double>(kMaxSpan));
  const double left = static_cast<double>(anchor - t0) / s;  // keeps the anchor under the cursor
  t0 = anchor - std::llround(left * next);
  t1 = t0 + std::llround(next);
  clamp();
}

void TimeWindow::pan_to(Micros start) {
  const Micros s = t1 - t0;
  t0 = start;
  t1 = start + s;
  clamp();
}

void TimeWindow::follow(Micros now) {
  const Micros s = t1 - t0;
  if (now > t0 + s * 3 / 4) pan_to(now - s * 3 / 4);
  else if (now < t0) pan_to(now - s / 4);
}

bool TimeWindow::wheel(float vertical, float horizontal, bool shift, Micros anchor) {
  const float pan = horizontal + (shift ? vertical : 0.0f);
  if (vertical != 0 && !shift) zoom(std::pow(0.8, static_cast<double>(vertical)), anchor);
  if (pan != 0) pan_to(t0 - std::llround(static_cast<double>(pan) * 0.1 * static_cast<double>(span())));
  return (vertical != 0 && !shift) || pan != 0;
}

}  // namespace attune
