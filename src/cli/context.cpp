#include "cli/context.h"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>

#include "core/error.h"
#include "media/frame_index_reader.h"

namespace attune::cli {

std::string Context::resolved_db_path() const { return db_path.empty() ? default_database_path() : db_path; }

std::unique_ptr<Store> Context::open_store() const {
  return std::make_unique<Store>(resolved_db_path(), OpenMode::CreateIfMissing);
}

std::unique_ptr<Store> Context::open_existing_store() const {
  const std::string path = resolved_db_path();
  if (!std::filesystem::exists(path))
    throw Error(ErrorKind::NotFound, "no database at " + path + " (create one with 'attune-cli demo' or 'attune-cli scheme import')");
  return std::make_unique<Store>(path, OpenMode::MustExist);
}

std::unique_ptr<Store> Context::open_for_reading() const {
  const std::string path = resolved_db_path();
  if (!std::filesystem::exists(path)) return open_existing_store();  // its "no database" message
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  const bool writable = ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0 &&
                        ::faccessat(AT_FDCWD, folder.c_str(), W_OK, AT_EACCESS) == 0;
  if (writable) return open_existing_store();  // as a writer would (an older schema is upgraded)
  return std::make_unique<Store>(path, OpenMode::ReadOnly);
}

void use_frame_index(LoadedSession& session, const Store& store) {
  // Without a readable video the recorded rate stays in use.
  FrameIndex index = recording_frame_index(session.recording, frame_index_folder(store.path()));
  if (index.valid()) session.model->set_frames(std::move(index));
}

std::pair<std::string, std::optional<int>> parse_scheme_ref(const std::string& text) {
  const auto at = text.rfind('@');
  if (at == std::string::npos) return {text, std::nullopt};
  const std::string version = text.substr(at + 1);
  int value = 0;
  auto [ptr, ec] = std::from_chars(version.data(), version.data() + version.size(), value);
  if (ec != std::errc() || ptr != version.data() + version.size() || value < 1)
    throw Error(ErrorKind::InvalidInput, "'" + text + "' is not NAME or NAME@VERSION (VERSION a whole number ≥ 1)");
  return {text.substr(0, at), value};
}

ModifierValues parse_modifiers(const std::vector<std::string>& items) {
  ModifierValues values;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Error(ErrorKind::InvalidInput, "--modifier takes ID=VALUE, not '" + item + "'");
    const std::string id = item.substr(0, eq);
    if (!values.emplace(id, item.substr(eq + 1)).second)
      throw Error(ErrorKind::InvalidInput, "--modifier " + id + " is given twice; give each modifier once");
  }
  return values;
}

std::int64_t parse_id(const std::string& text, const char* what) {
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1)
    throw Error(ErrorKind::InvalidInput, std::string(what) + " must be a positive whole number, not '" + text + "'");
  return value;
}

}  // namespace attune::cli
