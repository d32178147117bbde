#include "cli/completion.h"

#include <iostream>
#include <vector>

namespace attune::cli {
namespace {

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

// "{csv,json}" (how CLI::IsMember describes itself) -> "csv json"; "" for anything else.
std::string choices_of(const CLI::Option& option) {
  auto* opt = const_cast<CLI::Option*>(&option);  // CLI11 2.1 has no const get_validator
  std::string words;
  for (int i = 0;; ++i) {
    const CLI::Validator* validator = nullptr;
    try {
      validator = opt->get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      break;
    }
    if (validator == nullptr) break;
    const std::string description = validator->get_description();
    if (description.size() < 2 || description.front() != '{' || description.back() != '}') continue;
    for (char c : description.substr(1, description.size() - 2)) words += c == ',' ? ' ' : c;
  }
  return words;
}

struct Tables {
  std::string subcommands, options, takes_value, choices;
};

void walk(const CLI::App& app, const std::string& path, Tables& out) {
  std::string subs, opts;
  for (const CLI::App* sub : subcommands_of(app)) {
    subs += (subs.empty() ? "" : " ") + sub->get_name();
    walk(*sub, path + " " + sub->get_name(), out);
  }
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional() || option->get_group().empty()) continue;  // positionals, hidden flags
    std::vector<std::string> names;
    for (const std::string& n : option->get_lnames()) names.push_back("--" + n);
    for (const std::string& n : option->get_snames()) names.push_back("-" + n);
    for (const std::string& name : names) {
      opts += (opts.empty() ? "" : " ") + name;
      if (option->get_items_expected_max() > 0) {  // not a flag
        out.takes_value += " [\"" + path + "|" + name + "\"]=1";
        const std::string choices = choices_of(*option);
        if (!choices.empty()) out.choices += " [\"" + path + "|" + name + "\"]=\"" + choices + "\"";
      }
    }
  }
  out.subcommands += " [\"" + path + "\"]=\"" + subs + "\"";
  out.options += " [\"" + path + "\"]=\"" + opts + "\"";
}

}  // namespace

std::string bash_completion(const CLI::App& app) {
  Tables t;
  walk(app, "attune-cli", t);  // bash refuses an empty key
  std::string s;
  s += "# bash completion for attune-cli; written by `attune-cli --bash-completion`, do not edit.\n";
  s += "_attune_cli() {\n";
  s += "  local -A subs=(" + t.subcommands + " )\n";
  s += "  local -A opts=(" + t.options + " )\n";
  s += "  local -A takes=(" + t.takes_value + " )\n";
  s += "  local -A choices=(" + t.choices + " )\n";
  s += R"(  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path=attune-cli i w
  # The command path so far: words naming a subcommand of the path; an option's value skipped.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if [[ -n ${takes["$path|$w"]} || -n ${takes["attune-cli|$w"]} ]]; then
      ((i++))
    elif [[ " ${subs[$path]} " == *" $w "* ]]; then
      path="$path $w"
    fi
  done
  COMPREPLY=()
  # The value of an option: its choices, else files (compgen's default).
  if [[ $COMP_CWORD -gt 1 && ( -n ${takes["$path|$prev"]} || -n ${takes["attune-cli|$prev"]} ) ]]; then
    [[ -n ${choices["$path|$prev"]} ]] && COMPREPLY=($(compgen -W "${choices["$path|$prev"]}" -- "$cur"))
    return 0
  fi
  # The global options (--db, --json) are accepted after the command too.
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "${opts[$path]} ${opts[attune-cli]}" -- "$cur"))
  elif [[ -n ${subs[$path]} ]]; then
    COMPREPLY=($(compgen -W "${subs[$path]}" -- "$cur"))
  fi
  return 0
}
complete -o default -F _attune_cli attune-cli
)";
  return s;
}

void add_completion_flag(CLI::App& app) {
  app.add_flag_callback(
         "--bash-completion",
         [&app] {
           std::cout << bash_completion(app);
           throw CLI::Success();
         },
         "Print the bash completion script")
      ->group("");  // hidden: for the build, not for users
}

}  // namespace attune::cli
