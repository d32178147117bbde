#include "scheme/json_positions.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

namespace attune {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Walks the text byte by byte, keeping the line and column of the current byte. A UTF-8
// byte order mark at the start is skipped and takes no column.
struct Cursor {
  explicit Cursor(std::string_view t) : text(t) {
    if (text.substr(0, kBom.size()) == kBom) i = kBom.size();
  }
  bool done() const { return i >= text.size(); }
  char peek() const { return text[i]; }
  bool at(char c) const { return i < text.size() && text[i] == c; }
  TextPosition pos() const { return {line, col}; }
  void step() {
    const auto c = static_cast<unsigned char>(text[i]);
    ++i;
    if (c == '\n') {
      ++line;
      col = 1;
    } else if (i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;  // a character ends here (the next byte is not a UTF-8 continuation byte)
    }
  }

  std::string_view text;
  std::size_t i = 0;
  int line = 1;
  int col = 1;
};

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A recursive-descent walk over well-formed JSON that builds the pointer of each value.
// On anything unexpected it stops (failed_) rather than guessing.
class Scanner {
 public:
  Scanner(std::string_view text, int max_depth) : c_(text), max_depth_(max_depth) {}

  const std::unordered_set<std::string>* wanted = nullptr;  // record only these pointers
  std::unordered_map<std::string, TextPosition> found;
  std::vector<DuplicateKey>* duplicates = nullptr;

  void run() { value(0); }

 private:
  void skip_space() {
    while (!c_.done() && is_space(c_.peek())) c_.step();
  }

  void value(int depth) {
    skip_space();
    if (c_.done() || failed_) return;
    if (wanted && wanted->count(pointer_)) found[pointer_] = c_.pos();  // last one wins, as in the parser
    const char c = c_.peek();
    if (c == '{' || c == '[') {
      c_.step();
      if (depth >= max_depth_) return skip_nested();
      return c == '{' ? object(depth) : array(depth);
    }
    if (c == '"') return string(nullptr);
    while (!c_.done() && !is_space(c_.peek()) && c_.peek() != ',' && c_.peek() != ']' && c_.peek() != '}') c_.step();
  }

  void object(int depth) {
    std::unordered_set<std::string> keys;
    skip_space();
    if (c_.at('}')) return c_.step();
    while (!failed_) {
      skip_space();
      if (!c_.at('"')) return fail();
      const TextPosition key_pos = c_.pos();
      std::string key;
      string(&key);
      const std::size_t len = pointer_.size();
      pointer_ += '/';
      pointer_ += json_pointer_escape(key);
      if (duplicates && !keys.insert(key).second) duplicates->push_back({pointer_, key, key_pos});
      skip_space();
      if (!c_.at(':')) return fail();
      c_.step();
      value(depth + 1);
      pointer_.resize(len);
      if (!separator('}')) return;
    }
  }

  void array(int depth) {
    skip_space();
    if (c_.at(']')) return c_.step();
    for (std::size_t index = 0; !failed_; ++index) {
      const std::size_t len = pointer_.size();
      pointer_ += '/';
      pointer_ += std::to_string(index);
      value(depth + 1);
      pointer_.resize(len);
      if (!separator(']')) return;
    }
  }

  // After a member or item: true when another follows (the ',' is consumed).
  bool separator(char close) {
    skip_space();
    if (c_.at(',')) {
      c_.step();
      return true;
    }
    if (c_.at(close))
      c_.step();
    else
      fail();
    return false;
  }

  // At the opening quote; decodes into *out when out is not null.
  void string(std::string* out) {
    c_.step();
    while (!c_.done()) {
      const char c = c_.peek();
      c_.step();
      if (c == '"') return;
      if (c != '\\') {
        if (out) *out += c;
        continue;
      }
      if (c_.done()) break;
      const char e = c_.peek();
      c_.step();
      if (!out) continue;
      switch (e) {
        case 'b':
          *out += '\b';
          break;
        case 'f':
          *out += '\f';
          break;
        case 'n':
          *out += '\n';
          break;
        case 'r':
          *out += '\r';
          break;
        case 't':
          *out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && c_.at('\\')) {
            c_.step();
            if (c_.at('u')) {
              c_.step();
              const std::uint32_t low = hex4();
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
          }
          append_utf8(*out, cp);
          break;
        }
        default:
          *out += e;  // '"', '\\', '/'
      }
    }
    fail();
  }

  std::uint32_t hex4() {
    std::uint32_t v = 0;
    for (int k = 0; k < 4 && !c_.done(); ++k) {
      const char h = c_.peek();
      c_.step();
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<std::uint32_t>(h - 'A' + 10);
    }
    return v;
  }

  // Just past a "{" or "[" too deep to describe: skip to its matching close.
  void skip_nested() {
    int depth = 1;
    while (!c_.done() && depth > 0) {
      const char c = c_.peek();
      if (c == '"') {
        string(nullptr);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') --depth;
      c_.step();
    }
  }

  void fail() { failed_ = true; }

  Cursor c_;
  int max_depth_;
  bool failed_ = false;
  std::string pointer_;
};

}  // namespace

std::string json_pointer_escape(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string json_pointer_append(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  out += json_pointer_escape(token);
  return out;
}

TextPosition position_of_offset(std::string_view text, std::size_t offset) {
  Cursor c(text);
  while (!c.done() && c.i < offset) c.step();
  return c.pos();
}

std::vector<TextPosition> locate_json_pointers(std::string_view text, const std::vector<std::string>& pointers,
                                               int max_depth) {
  std::unordered_set<std::string> wanted;
  for (const std::string& p : pointers) {
    std::string q = p;
    while (wanted.insert(q).second && !q.empty()) q.resize(std::min(q.size(), q.rfind('/')));
  }
  Scanner scanner(text, max_depth);
  scanner.wanted = &wanted;
  scanner.run();

  std::vector<TextPosition> out;
  out.reserve(pointers.size());
  for (const std::string& p : pointers) {
    std::string q = p;
    auto it = scanner.found.find(q);
    while (it == scanner.found.end() && !q.empty()) {
      q.resize(q.rfind('/'));
      it = scanner.found.find(q);
    }
    out.push_back(it == scanner.found.end() ? TextPosition{} : it->second);
  }
  return out;
}

TextPosition locate_json_pointer(std::string_view text, std::string_view pointer) {
  return locate_json_pointers(text, {std::string(pointer)}).front();
}

std::vector<DuplicateKey> find_duplicate_keys(std::string_view text, int max_depth) {
  std::vector<DuplicateKey> out;
  Scanner scanner(text, max_depth);
  scanner.duplicates = &out;
  scanner.run();
  return out;
}

std::optional<TextPosition> find_excess_nesting(std::string_view text, int max_depth) {
  Cursor c(text);
  int depth = 0;
  bool in_string = false;
  while (!c.done()) {
    const char ch = c.peek();
    if (in_string) {
      if (ch == '\\') {
        c.step();
        if (c.done()) break;
      } else if (ch == '"') {
        in_string = false;
      }
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '{' || ch == '[') {
      if (++depth > max_depth) return c.pos();
    } else if ((ch == '}' || ch == ']') && depth > 0) {
      --depth;
    }
    c.step();
  }
  return std::nullopt;
}

std::optional<OversizedContainer> find_oversized_container(std::string_view text, std::size_t max_items) {
  struct Level {
    char kind;              // '{' or '['
    TextPosition position;  // of the bracket
    std::size_t commas = 0;
    bool item = false;          // an item has started since the last comma
    bool expect_key = false;    // in an object, the next string is a key
    std::string_view key;       // the member being read (raw, cut short)
  };
  constexpr std::size_t kMaxKeyShown = 64;
  std::vector<Level> levels;
  auto start_item = [&] {
    if (!levels.empty()) levels.back().item = true;
  };
  Cursor c(text);
  while (!c.done()) {
    const char ch = c.peek();
    if (ch == '"') {
      const bool key = !levels.empty() && levels.back().kind == '{' && levels.back().expect_key;
      if (!key) start_item();
      c.step();
      const std::size_t begin = c.i;
      while (!c.done() && c.peek() != '"') {
        if (c.peek() == '\\') c.step();
        if (!c.done()) c.step();
      }
      if (key) {
        levels.back().key = text.substr(begin, std::min(c.i - begin, kMaxKeyShown));
        levels.back().expect_key = false;
        levels.back().item = true;
      }
      if (!c.done()) c.step();
      continue;
    }
    if (ch == '{' || ch == '[') {
      start_item();
      levels.push_back({ch, c.pos(), 0, false, ch == '{', {}});
    } else if ((ch == '}' || ch == ']') && !levels.empty()) {
      const Level& l = levels.back();
      const std::size_t items = l.commas + (l.item ? 1 : 0);
      if (items > max_items) {
        std::string pointer;
        for (std::size_t k = 0; k + 1 < levels.size(); ++k)
          pointer = levels[k].kind == '[' ? pointer + "/" + std::to_string(levels[k].commas)
                                          : json_pointer_append(pointer, levels[k].key);
        return OversizedContainer{pointer, l.position, items};
      }
      levels.pop_back();
    } else if (ch == ',' && !levels.empty()) {
      ++levels.back().commas;
      levels.back().item = false;
      levels.back().expect_key = levels.back().kind == '{';
    } else if (!is_space(ch) && ch != ':') {
      start_item();
    }
    c.step();
  }
  return std::nullopt;
}

}  // namespace attune
