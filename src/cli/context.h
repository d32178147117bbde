#pragma once
// What every attune-cli command shares: the chosen database, --json, and the loading of
// one session (scheme, events, undo journal) into the core model.
#include <memory>
#include <optional>
#include <string>

#include "core/history.h"
#include "core/scheme.h"
#include "store/session_loader.h"
#include "store/store.h"

namespace attune::cli {

struct Context {
  std::string db_path;  // "" -> default_database_path()
  bool json = false;

  std::string resolved_db_path() const;
  // Opens the database, creating it when missing (commands that write).
  std::unique_ptr<Store> open_store() const;
  // Opens an existing database only (listings must not create files as a side effect).
  std::unique_ptr<Store> open_existing_store() const;
  // For commands that only read: as open_existing_store, but a file or folder this user
  // cannot write is opened read-only (OpenMode::ReadOnly) instead of being refused.
  std::unique_ptr<Store> open_for_reading() const;
};

// Points the session's model at its video's frame index (the cache beside the database, else
// read from the file and cached), so frames stamped on a variable-rate video are the file's
// real frames. Without the video file (moved, not given) the recorded rate stays in use.
void use_frame_index(LoadedSession& session, const Store& store);

// Parses "NAME" or "NAME@VERSION".
std::pair<std::string, std::optional<int>> parse_scheme_ref(const std::string& text);
// Parses "ID=VALUE" modifier arguments; an ID given twice is an error (not "the last wins").
ModifierValues parse_modifiers(const std::vector<std::string>& items);
// Parses a positive integer id given on the command line.
std::int64_t parse_id(const std::string& text, const char* what);

}  // namespace attune::cli
