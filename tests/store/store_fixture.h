#pragma once
// Shared by the store tests: a private temp folder, file bytes, and a store with one scheme
// and one session ready for events.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "core/error.h"
#include "store/store.h"

namespace attune::test {

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/attune-store-XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    path_ = name;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777u;
}

// The Error thrown by f, or nullopt when it did not throw one.
template <class F>
std::optional<Error> error_from(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

// A small valid coding scheme NAME@VERSION (the store takes only valid schemes).
inline std::string scheme_text(const std::string& name, int version, const std::string& description = "") {
  return R"({"name": ")" + name + R"(", "version": )" + std::to_string(version) + R"(, "description": ")" +
         description + R"(",
  "subjects": [{"id": "child", "name": "Child", "key": "C"}],
  "groups": [{"id": "signals", "name": "Signals", "exclusive": false, "exhaustive": false}],
  "modifiers": [],
  "codes": [{"id": "bid", "name": "Bid", "group": "signals", "kind": "point", "subjects": ["child"], "key": "b",
             "color": "#1e88e5", "definition": "Seeks attention.", "modifiers": []}],
  "ratings": [], "rules": []
})";
}

inline const std::string kSchemeJson = scheme_text("store-test", 1, "test scheme");

inline Recording sample_recording() {
  Recording r;
  r.dyad = "D-017";
  r.child_age_months = 14;
  r.session_type = "free play";
  r.video_path = "/videos/d017.mp4";
  r.video_size = 123456789;
  r.video_hash = "sha256:00ff";
  r.fps = FrameRate{30000, 1001};
  r.duration = 600'000'000;
  return r;
}

inline Event make_event(std::string code, std::string subject, Micros start, std::optional<Micros> end) {
  Event e;
  e.code = std::move(code);
  e.subject = std::move(subject);
  e.start = start;
  e.end = end;
  return e;
}

struct StoreFixture {
  TempDir dir;
  std::string db_path = dir.file("attune.db");
  std::optional<Store> store{std::in_place, db_path, OpenMode::CreateIfMissing, "alice"};
  std::int64_t scheme_id = store->import_scheme(kSchemeJson);
  SessionId session = store->create_session(sample_recording(), scheme_id, "alice");

  // A new Store object on the same file, as the next CLI invocation would open it.
  void reopen(const std::string& actor = "alice") {
    store.reset();
    store.emplace(db_path, OpenMode::MustExist, actor);
  }
};

}  // namespace attune::test
