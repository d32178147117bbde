#pragma once
// The demo: the default scheme and a coded free-play / still-face / reunion session
// (samples/demo/demo-session.json, embedded), created once per database.
#include "store/store.h"

namespace attune {

struct DemoSession {
  SessionId id = 0;
  bool created = false;  // false when an existing demo session was reopened
};

DemoSession open_or_create_demo(Store& store);

}  // namespace attune
