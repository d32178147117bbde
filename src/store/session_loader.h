#pragma once
// Loads one stored session into the core model: its scheme (parsed from the exact JSON it
// was coded with), its events, and a History whose journal is the store. Shared by
// attune-cli and the attune window.
#include <memory>

#include "core/history.h"
#include "core/scheme.h"
#include "store/store.h"

namespace attune {

struct LoadedSession {
  SessionInfo info;
  Recording recording;
  std::shared_ptr<const Scheme> scheme;
  std::unique_ptr<SessionModel> model;
  std::unique_ptr<Journal> journal;
  std::unique_ptr<History> history;
};

LoadedSession load_session(Store& store, SessionId id);
// The scheme stored under `scheme_id`, parsed (stored schemes were validated at import).
std::shared_ptr<const Scheme> load_stored_scheme(Store& store, std::int64_t scheme_id);

}  // namespace attune
