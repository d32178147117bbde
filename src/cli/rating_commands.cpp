// Global ratings from the command line (the scheme's rating scales, e.g. sensitivity 1-9):
//   attune-cli rating list SESSION        every scale of the session's scheme, rated or not
//   attune-cli rating set SESSION SCALE VALUE
//   attune-cli rating clear SESSION SCALE
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/output.h"
#include "core/error.h"

namespace attune::cli {

namespace {

using nlohmann::json;

struct RatingArgs {
  std::string session, scale;
  int value = 0;
};

void list_ratings(const RatingArgs& a, const Context& context) {
  auto store = context.open_for_reading();
  const SessionId id = parse_id(a.session, "SESSION");
  const std::shared_ptr<const Scheme> scheme = load_stored_scheme(*store, store->session(id).scheme_id);
  std::map<std::string, SessionRating> rated;
  for (SessionRating& r : store->ratings(id)) rated.emplace(r.scale_id, std::move(r));
  if (context.json) {
    json out = json::array();
    for (const RatingScale& scale : scheme->ratings) {
      auto found = rated.find(scale.id);
      const bool has = found != rated.end();
      out.push_back({{"scale", scale.id},
                     {"name", scale.name},
                     {"min", scale.min},
                     {"max", scale.max},
                     {"value", has ? json(found->second.value) : json(nullptr)}});
    }
    print_json(std::cout, out);
    return;
  }
  if (scheme->ratings.empty()) {
    std::cout << "scheme " << printable(scheme->name) << " has no global rating scales\n";
    return;
  }
  for (const RatingScale& scale : scheme->ratings) {
    auto found = rated.find(scale.id);
    std::cout << printable(scale.id) << " (" << printable(scale.name) << ", " << scale.min << "-" << scale.max << "): ";
    if (found == rated.end()) {
      std::cout << "not rated\n";
      continue;
    }
    std::cout << found->second.value;
    if (auto anchor = scale.anchors.find(found->second.value); anchor != scale.anchors.end())
      std::cout << " (" << printable(anchor->second) << ")";
    std::cout << '\n';
  }
}

void set_rating(const RatingArgs& a, std::optional<int> value, const Context& context) {
  auto store = context.open_existing_store();
  const SessionId id = parse_id(a.session, "SESSION");
  store->set_rating(id, a.scale, value);
  if (context.json) print_json(std::cout, {{"session", id}, {"scale", a.scale}, {"value", value ? json(*value) : json(nullptr)}});
  else if (value) std::cout << "session " << id << ": " << a.scale << " = " << *value << '\n';
  else std::cout << "session " << id << ": " << a.scale << " cleared\n";
}

}  // namespace

void add_rating_commands(CLI::App& app, Context& context) {
  CLI::App* rating = app.add_subcommand("rating", "Global ratings of a session on its scheme's rating scales");
  rating->require_subcommand(1);

  auto l = std::make_shared<RatingArgs>();
  CLI::App* list_cmd = rating->add_subcommand("list", "Every rating scale of the session's scheme with its value");
  list_cmd->add_option("session", l->session, "Session id")->required();
  list_cmd->callback([l, &context] { list_ratings(*l, context); });

  auto s = std::make_shared<RatingArgs>();
  CLI::App* set_cmd = rating->add_subcommand("set", "Rate the session on a scale (a whole number in the scale's range)");
  set_cmd->add_option("session", s->session, "Session id")->required();
  set_cmd->add_option("scale", s->scale, "Rating scale id (see 'rating list')")->required();
  set_cmd->add_option("value", s->value, "The rating")->required();
  set_cmd->callback([s, &context] { set_rating(*s, s->value, context); });

  auto c = std::make_shared<RatingArgs>();
  CLI::App* clear_cmd = rating->add_subcommand("clear", "Remove the session's rating on a scale");
  clear_cmd->add_option("session", c->session, "Session id")->required();
  clear_cmd->add_option("scale", c->scale, "Rating scale id")->required();
  clear_cmd->callback([c, &context] { set_rating(*c, std::nullopt, context); });
}

}  // namespace attune::cli
