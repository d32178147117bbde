// The events.modifiers column: the direct decoder agrees with nlohmann::json on every text,
// and whatever the file holds comes back as values or as one clear Error(Storage).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/modifier_text.h"
#include "store_fixture.h"

namespace attune {
namespace {

using store_detail::modifiers_from_text;

// What reading a row meant before the direct decoder: nlohmann's answer, or its refusal.
std::optional<ModifierValues> by_nlohmann(const std::string& text) {
  try {
    return nlohmann::json::parse(text).get<ModifierValues>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<ModifierValues> by_store(const std::string& text) {
  try {
    return modifiers_from_text(text);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

const std::vector<std::string> kReadable = {
    "{}",
    R"({"channel":"vocal"})",
    R"({"comfort_type":"hold,voice","mind":"appropriate"})",
    R"({"intensity":"3"})",
    R"({"":""})",
    R"({"a":""})",
    R"({"b":"2","a":"1"})",                      // keys out of order
    R"({"note":"say \"hi\" \\ back"})",          // escapes
    R"({"note":"line\nbreak\ttab\r\b\f\/"})",
    R"({"note":"\u00e4\u0000\u001f"})",          // \u escapes, NUL included
    R"({"note":"\ud83d\ude00"})",                // a surrogate pair
    "{\"note\":\"caf\xC3\xA9 \xF0\x9F\x98\x80\"}",  // raw UTF-8
    "{\"k\":\"\x7F\"}",
    R"({ "channel" : "vocal" })",                // spaces
    " {\"a\":\"b\"}\n",
    R"({"a":"1","a":"2"})",                      // a repeated key: the last one wins
    R"({"a":"1","b":"2","a":"3"})",
};

const std::vector<std::string> kMalformed = {
    "",
    "{",
    "}",
    "{}}",
    "{}x",
    "{} {}",
    "[]",
    "null",
    R"("x")",
    R"({"a"})",
    R"({"a":})",
    R"({"a":"b",})",
    R"({"a":"b"},)",
    R"({"a":"b")",
    R"({"a":"b)",
    R"({"a:"b"})",
    R"({"a":"b" "c":"d"})",
    R"({"a","b"})",
    R"({a:"b"})",
    R"({'a':'b'})",
    R"({"a":1})",
    R"({"a":null})",
    R"({"a":true})",
    R"({"a":{}})",
    R"({"a":["b"]})",
    R"({"a":"\x"})",
    R"({"a":"\u12"})",
    R"({"a":"\ud800"})",       // a lone surrogate
    R"({"a":"b\"})",
    "{\"a\":\"b\nc\"}",        // a raw control character
    "{\"a\":\"\xFF\"}",        // not UTF-8
    "{\"a\":\"\xC3\"}",        // cut UTF-8
    std::string("{\"a\":\"b\0\"}", 10),  // a raw NUL
};

// Texts where what nlohmann makes of them matters less than that both agree.
const std::vector<std::string> kOdd = {
    std::string("{\"a\":\"b\"}\0", 10),  // a NUL after the object
    std::string("{}\0x", 4),
    "{\"a\":\"b\"}/**/",
    "{\"a\":\"b\"}\xEF\xBB\xBF",
    "\xEF\xBB\xBF{\"a\":\"b\"}",  // a byte order mark first
};

TEST_CASE("the direct decoder reads what nlohmann reads, exactly") {
  for (const std::string& text : kReadable) {
    CAPTURE(text);
    const std::optional<ModifierValues> expected = by_nlohmann(text);
    REQUIRE(expected.has_value());
    CHECK(by_store(text) == expected);
  }
  CHECK(modifiers_from_text("{}").empty());
  CHECK(modifiers_from_text(R"({"comfort_type":"hold,voice","mind":"appropriate"})") ==
        ModifierValues{{"comfort_type", "hold,voice"}, {"mind", "appropriate"}});
  CHECK(modifiers_from_text(R"({"a":"1","a":"2"})") == ModifierValues{{"a", "2"}});
  CHECK(modifiers_from_text(R"({"note":"say \"hi\""})") == ModifierValues{{"note", "say \"hi\""}});
  CHECK(modifiers_from_text(R"({"note":"\u00e4"})") == ModifierValues{{"note", "\xC3\xA4"}});
}

TEST_CASE("the direct decoder refuses what nlohmann refuses, and never reads past the text") {
  for (const std::string& text : kMalformed) {
    CAPTURE(text);
    CHECK_FALSE(by_nlohmann(text).has_value());
    CHECK_THROWS_AS(modifiers_from_text(text), nlohmann::json::exception);
  }
  for (const std::string& text : kOdd) {
    CAPTURE(text);
    CHECK(by_store(text) == by_nlohmann(text));
  }
  // Every prefix of a readable text ends inside it: the decoder must stop at the end.
  for (const std::string& text : kReadable)
    for (std::size_t n = 0; n < text.size(); ++n) {
      const std::string cut = text.substr(0, n);
      CAPTURE(cut);
      CHECK(by_store(cut) == by_nlohmann(cut));
    }
}

TEST_CASE("what the store writes it reads back through the direct decoder") {
  test::StoreFixture fx;
  std::unique_ptr<Journal> journal = fx.store->journal(fx.session);
  ChangeSet change{"Add", {}};
  const std::vector<ModifierValues> values = {
      {}, {{"channel", "vocal"}}, {{"comfort_type", "hold,voice"}, {"mind", "appropriate"}},
      {{"note", "quote \" backslash \\ newline \n tab \t"}}, {{"note", "caf\xC3\xA9"}}, {{"", ""}}};
  for (std::size_t i = 0; i < values.size(); ++i) {
    Event e = test::make_event("Bid", "Child", static_cast<Micros>(i) * 1000, static_cast<Micros>(i) * 1000);
    e.modifiers = values[i];
    change.ops.push_back(EventOp::insert(e));
  }
  journal->commit(change);
  fx.reopen();
  const std::vector<Event> events = fx.store->events(fx.session);
  REQUIRE(events.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(events[i].modifiers == values[i]);
}

TEST_CASE("a file whose modifiers are not an object of strings is refused with one clear line") {
  test::StoreFixture fx;
  for (const char* text : {R"({"a":1})", R"({"a":"b")", "{\"a\":\"\xFF\"}", R"({"a":"b"}})", "{"}) {
    CAPTURE(text);
    {
      SQLite::Database raw(fx.db_path, SQLite::OPEN_READWRITE);
      raw.exec("DELETE FROM events");
      SQLite::Statement insert(raw,
                               "INSERT INTO events (session_id, code, subject, start_us, end_us, modifiers, "
                               "created_utc, modified_utc) VALUES (?, 'Bid', 'Child', 0, 0, ?, 'x', 'x')");
      insert.bind(1, fx.session);
      insert.bind(2, text);
      insert.exec();
    }
    const std::optional<Error> error = test::error_from([&] { fx.store->events(fx.session); });
    REQUIRE(error.has_value());
    CHECK(error->kind() == ErrorKind::Storage);
    const std::string message = error->what();
    CHECK_MESSAGE(message.find("unreadable JSON in the database") != std::string::npos, message);
    CHECK(message.find(fx.db_path) != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
  }
}

}  // namespace
}  // namespace attune
