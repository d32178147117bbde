#include "store/user_config.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/text.h"

namespace attune {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

}  // namespace

std::string user_config_file(const std::string& name) {
  // As for the data folder, a relative XDG value is invalid and ignored.
  if (std::string config = env("XDG_CONFIG_HOME"); !config.empty() && config.front() == '/')
    return config + "/attune/" + name;
  return home_folder() + "/.config/attune/" + name;
}

std::string home_folder() {
  if (std::string home = env("HOME"); !home.empty()) return home;
  if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir && *pw->pw_dir) return pw->pw_dir;
  return ".";
}

std::string user_config_path() { return user_config_file("user.json"); }

void write_user_config_file(const std::string& path, const std::string& text) {
  const std::filesystem::path target(path);
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  if (!ec) std::filesystem::permissions(target.parent_path(), std::filesystem::perms::owner_all, ec);
  std::string temp = (target.parent_path() / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = mkstemp(temp.data());  // 0600
  if (fd < 0) throw Error(ErrorKind::Storage, "cannot write " + path + ": " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    throw Error(ErrorKind::Storage, "cannot write " + path + ": " + why);
  }
}

std::string saved_user_name() {
  std::ifstream in(user_config_path(), std::ios::binary);
  if (!in) return "";
  try {
    const nlohmann::json doc = nlohmann::json::parse(in);
    if (!doc.is_object()) return "";
    const auto name = doc.find("name");
    return name != doc.end() && name->is_string() ? trimmed(name->get<std::string>()) : "";
  } catch (const nlohmann::json::exception&) {
    return "";
  }
}

void save_user_name(const std::string& name) {
  const std::string clean = trimmed(name);
  if (clean.empty()) throw Error(ErrorKind::InvalidInput, "a name is needed");
  const std::string path = user_config_path();
  nlohmann::json doc = nlohmann::json::object();
  {  // keep whatever else a newer Attune keeps there
    std::ifstream in(path, std::ios::binary);
    if (in) try {
        nlohmann::json old = nlohmann::json::parse(in);
        if (old.is_object()) doc = std::move(old);
      } catch (const nlohmann::json::exception&) {
      }
  }
  std::string text;
  try {
    doc["name"] = clean;
    text = doc.dump(2) + "\n";
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorKind::InvalidInput, "the name is not valid text (UTF-8)");
  }
  write_user_config_file(path, text);
}

}  // namespace attune
