// Frame benchmark (run by hand: build-dir/bench_frame; never by ctest).
//
// For sessions of 1k, 10k and 100k events in a real temp SQLite store, measures the CPU
// time of one headless ImGui frame (NewFrame … Render, no backend, so rasterisation is
// excluded) holding the timeline and a clipped event list, in four situations:
//   play    the playhead moves and the timeline follows it: a new window every frame
//   pan     the whole hour in view, panned by 1 ms every frame: every event is in the
//           window and must be folded, and nothing can come from the cache
//   idle    nothing moves: the timeline draws from its cache
//   edit    the frame right after a committed change (the per-lane index is patched)
// and the latency from a key press to a durable commit: Workspace::apply(AddEvent) through
// History into the store (WAL, synchronous=FULL), for a point and for a state.
// Goal (issue 3): < 2 ms per frame at 100k events, < 5 ms median key -> commit.
#include <imgui.h>
#include <stdlib.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "app/timeline/timeline_view.h"
#include "app/logic/workspace.h"
#include "core/embedded.h"
#include "media/stopwatch.h"
#include "scheme/scheme_loader.h"
#include "store/session_loader.h"
#include "store/store.h"

namespace attune {
namespace {

constexpr Micros kS = kMicrosPerSecond;
constexpr Micros kSession = 3600 * kS;  // one hour of video
constexpr int kFrames = 200;

std::chrono::steady_clock::time_point g_now{};  // the stopwatch's time source

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

Event make(const char* code, const char* subject, Micros start, std::optional<Micros> end) {
  Event e;
  e.code = code;
  e.subject = subject;
  e.start = start;
  e.end = end;
  return e;
}

// A plausible hour of attachment-core coding with `n` events: episodes, four state lanes
// (three exclusive groups tiled back to back, distress with gaps) and points in the rest.
std::vector<Event> generate(std::size_t n) {
  std::mt19937_64 rng(7);
  std::vector<Event> events;
  const char* episodes[] = {"free_play", "still_face", "reunion", "separation", "clean_up", "feeding"};
  for (int i = 0; i < 6; ++i) events.push_back(make(episodes[i], "dyad", i * 600 * kS, (i + 1) * 600 * kS));
  struct StateLane {
    std::vector<const char*> codes;
    const char* subject;
    bool gaps;
  };
  const StateLane lanes[] = {{{"child_positive", "child_neutral", "child_negative"}, "child", false},
                             {{"parent_positive", "parent_neutral", "parent_negative"}, "parent", false},
                             {{"joint_none", "supported", "coordinated"}, "dyad", false},
                             {{"distress"}, "child", true}};
  const std::size_t per_lane = n / 10;
  for (const StateLane& lane : lanes) {
    const Micros step = kSession / static_cast<Micros>(std::max<std::size_t>(per_lane, 1));
    for (std::size_t i = 0; i < per_lane; ++i) {
      const Micros start = static_cast<Micros>(i) * step;
      events.push_back(make(lane.codes[i % lane.codes.size()], lane.subject, start, start + (lane.gaps ? step / 2 : step)));
    }
  }
  const char* points[][2] = {{"bid", "child"},       {"check_back", "child"}, {"question", "parent"},
                             {"reflection", "parent"}, {"mirror", "parent"},    {"comfort", "parent"}};
  while (events.size() < n) {
    const auto& [code, subject] = points[rng() % 6];
    const Micros t = static_cast<Micros>(rng() % static_cast<std::uint64_t>(kSession));
    events.push_back(make(code, subject, t, t));
  }
  return events;
}

struct Bench {
  std::string dir;
  SessionId session = 0;
  std::unique_ptr<Workspace> ws;
  TimelineView view;
  ImGuiContext* context = nullptr;

  explicit Bench(std::size_t n) {
    char pattern[] = "/tmp/attune-bench-XXXXXX";
    dir = mkdtemp(pattern);
    auto store = std::make_unique<Store>(dir + "/bench.db", OpenMode::CreateIfMissing, "bench");
    const std::string json(embedded_file("samples/schemes/attachment-core.json"));
    const SchemeLoadResult scheme = load_scheme_text(json, "attachment-core.json");
    const std::int64_t scheme_id = store->import_scheme(json);
    Recording r;
    r.dyad = "B-1";
    r.duration = kSession;
    session = store->create_session(r, scheme_id, "bench");
    {
      std::unique_ptr<Journal> journal = store->journal(session);
      std::vector<Event> events = generate(n);
      for (std::size_t i = 0; i < events.size(); i += 5000) {  // a few big transactions
        ChangeSet change{"Import", {}};
        for (std::size_t j = i; j < std::min(events.size(), i + 5000); ++j) change.ops.push_back(EventOp::insert(events[j]));
        journal->commit(std::move(change));
      }
    }
    ws = std::make_unique<Workspace>(std::move(store), session, std::make_unique<Stopwatch>([] { return g_now; }));

    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~Bench() {
    ImGui::DestroyContext(context);
    ws.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // The event list as the coding view has it: clipped, following the playhead.
  void event_list() {
    const SessionModel& model = ws->model();
    const float row = ImGui::GetTextLineHeightWithSpacing();
    if (ws->clock().playing())
      ImGui::SetScrollY(static_cast<float>(model.lower_bound(ws->clock().position())) * row);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(model.size()), row);
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const Event& e = model.events()[static_cast<std::size_t>(i)];
        const Code* code = model.scheme().find_code(e.code);
        ImGui::Text("%s  %-12s %s", format_clock(e.start).c_str(), e.subject.c_str(), code ? code->name.c_str() : "?");
      }
    clipper.End();
  }

  double frame() {
    const double start = cpu_ms();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 550));
    ImGui::SetNextWindowSize(ImVec2(1280, 250));
    ImGui::Begin("Timeline", nullptr, ImGuiWindowFlags_NoDecoration);
    view.draw(*ws);
    ImGui::End();
    ImGui::SetNextWindowPos(ImVec2(880, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 550));
    ImGui::Begin("Events");
    event_list();
    ImGui::End();
    ImGui::Render();
    return cpu_ms() - start;
  }

  std::vector<double> run(int frames, const std::function<void(int)>& before) {
    std::vector<double> times;
    for (int i = 0; i < frames; ++i) {
      before(i);
      times.push_back(frame());
    }
    return times;
  }
};

struct Row {
  std::size_t events = 0;
  double play = 0, pan = 0, idle = 0, edit = 0;  // CPU ms per frame
  std::uint64_t play_layouts = 0;                // frames of `play` whose layout was recomputed
  std::size_t items = 0;                         // items drawn with the whole hour in view
  double point_wall = 0, point_cpu = 0, state_wall = 0, state_cpu = 0;  // key -> commit
  double plan = 0, journal = 0, model = 0;  // a state's key -> commit split (wall)
  double model_early = 0;                   // model apply of a point inserted at the start
};

double ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// The disk's own floor for a durable commit: one fdatasync of a 4 KiB append.
double fsync_floor(const std::string& dir) {
  const std::string path = dir + "/fsync-probe";
  FILE* f = std::fopen(path.c_str(), "wb");
  std::vector<double> times;
  const std::vector<char> page(4096, 'x');
  for (int i = 0; f && i < 50; ++i) {
    std::fwrite(page.data(), 1, page.size(), f);
    std::fflush(f);
    auto t0 = std::chrono::steady_clock::now();
    fdatasync(fileno(f));
    times.push_back(ms(std::chrono::steady_clock::now() - t0));
  }
  if (f) std::fclose(f);
  std::remove(path.c_str());
  return median(times);
}

Row measure(std::size_t n, double& fsync_ms) {
  Row row;
  row.events = n;
  Bench b(n);
  for (int i = 0; i < 3; ++i) b.frame();  // windows exist, fonts warm
  fsync_ms = fsync_floor(b.dir);

  // play: one minute in view, the stopwatch running 40 ms per frame, the view following it.
  b.view.set_view(0, 60 * kS);
  b.ws->clock().seek(20 * 60 * kS);
  b.ws->clock().play();
  ImGui::GetIO().DeltaTime = 5.0f;  // past the pause that follows set_view
  b.frame();
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  const std::uint64_t layouts = b.view.layout().item_builds();
  row.play = median(b.run(kFrames, [](int) { g_now += std::chrono::milliseconds(40); }));
  row.play_layouts = b.view.layout().item_builds() - layouts;
  b.ws->clock().pause();

  // pan: the whole hour in view, moved by 1 ms a frame.
  row.pan = median(b.run(kFrames, [&](int i) { b.view.set_view(i * 1000, kSession + i * 1000); }));
  row.items = b.view.layout().item_count();

  // idle: nothing changes; the layout's cache answers.
  row.idle = median(b.run(kFrames, [](int) {}));

  // key -> commit through Workspace::apply (History::apply on the store), and the frame
  // right after each commit, which rebuilds the timeline's index.
  std::vector<double> point_wall, point_cpu, state_wall, state_cpu, edit;
  for (int i = 0; i < kFrames; ++i) {
    const Micros t = kSession + (i + 1) * kS;  // after the coded hour: no overlap
    auto w0 = std::chrono::steady_clock::now();
    double c0 = cpu_ms();
    const bool ok = b.ws->apply(AddEvent{.code = "bid", .subject = "child", .start = t}).has_value();
    auto w1 = std::chrono::steady_clock::now();
    double c1 = cpu_ms();
    const bool ok2 =
        b.ws->apply(AddEvent{.code = "distress", .subject = "child", .start = t + 100'000, .end = t + 500'000}).has_value();
    auto w2 = std::chrono::steady_clock::now();
    double c2 = cpu_ms();
    if (!ok || !ok2) std::fprintf(stderr, "commit refused: %s\n", b.ws->last_error().c_str());
    point_wall.push_back(ms(w1 - w0));
    point_cpu.push_back(c1 - c0);
    state_wall.push_back(ms(w2 - w1));
    state_cpu.push_back(c2 - c1);
    if (i < 50) edit.push_back(b.frame());
  }
  row.point_wall = median(point_wall);
  row.point_cpu = median(point_cpu);
  row.state_wall = median(state_wall);
  row.state_cpu = median(state_cpu);
  row.edit = median(edit);

  // The same state key press taken apart: History::apply is plan + journal commit + model apply.
  Store store(b.dir + "/bench.db", OpenMode::MustExist, "bench");
  LoadedSession loaded = load_session(store, b.session);
  std::vector<double> plans, journals, models;
  for (int i = 0; i < kFrames; ++i) {
    const Micros t = 2 * kSession + i * kS;
    auto t0 = std::chrono::steady_clock::now();
    ChangeSet change = plan(AddEvent{.code = "distress", .subject = "child", .start = t, .end = t + 500'000}, *loaded.model);
    auto t1 = std::chrono::steady_clock::now();
    ChangeSet committed = loaded.journal->commit(std::move(change));
    auto t2 = std::chrono::steady_clock::now();
    loaded.model->apply(committed);
    auto t3 = std::chrono::steady_clock::now();
    plans.push_back(ms(t1 - t0));
    journals.push_back(ms(t2 - t1));
    models.push_back(ms(t3 - t2));
  }
  // An event coded near the start of a long session: the model inserts into its vector there.
  std::vector<double> early;
  for (int i = 0; i < 50; ++i) {
    ChangeSet committed = loaded.journal->commit(
        plan(AddEvent{.code = "bid", .subject = "child", .start = 1000 + i * 1000}, *loaded.model));
    auto t0 = std::chrono::steady_clock::now();
    loaded.model->apply(committed);
    early.push_back(ms(std::chrono::steady_clock::now() - t0));
  }
  row.model_early = median(early);
  row.plan = median(plans);
  row.journal = median(journals);
  row.model = median(models);
  return row;
}

}  // namespace
}  // namespace attune

int main() {
  using attune::Row;
  std::vector<Row> rows;
  double fsync_ms = 0;
  for (std::size_t n : {1'000u, 10'000u, 100'000u}) {
    std::fprintf(stderr, "measuring %zu events ...\n", n);
    rows.push_back(attune::measure(n, fsync_ms));
  }
  const Row &a = rows.front(), &z = rows.back();
  std::printf("Frame: CPU ms (thread CPU time, median of %d frames) of NewFrame..Render with the timeline\n"
              "(1280x250) and a clipped event list; no backend, so no rasterisation.\n"
              "  play = playhead moving, view following (new window every frame); pan = whole hour in\n"
              "  view, moved 1 ms a frame; idle = nothing moves (cache); edit = frame after a commit.\n\n",
              attune::kFrames);
  std::printf("%8s %8s %8s %8s %8s %12s %12s\n", "events", "play", "pan", "idle", "edit", "items(pan)",
              "play layouts");
  for (const Row& r : rows)
    std::printf("%8zu %8.3f %8.3f %8.3f %8.3f %12zu %8llu/%d\n", r.events, r.play, r.pan, r.idle, r.edit, r.items,
                static_cast<unsigned long long>(r.play_layouts), attune::kFrames);
  std::printf("%8s %8.2f %8.2f %8.2f %8.2f\n\n", "100k/1k", z.play / a.play, z.pan / a.pan, z.idle / a.idle,
              z.edit / a.edit);

  std::printf("Key -> durable commit: Workspace::apply(AddEvent) = History::apply on a temp SQLite store\n"
              "(WAL, synchronous=FULL), median of %d; wall ms (thread CPU ms). Disk floor: one fdatasync\n"
              "of a 4 KiB append takes %.3f ms here.\n\n",
              attune::kFrames, fsync_ms);
  std::printf("A state's key press split into History::apply's parts (wall ms): plan, journal commit,\n"
              "model apply (at the end of the session; 'early' = a point inserted near its start).\n\n");
  std::printf("%8s %18s %18s %9s %9s %9s %9s\n", "events", "point", "state", "plan", "journal", "model", "early");
  for (const Row& r : rows)
    std::printf("%8zu %9.3f (%6.3f) %9.3f (%6.3f) %9.3f %9.3f %9.3f %9.3f\n", r.events, r.point_wall, r.point_cpu,
                r.state_wall, r.state_cpu, r.plan, r.journal, r.model, r.model_early);
  std::printf("%8s %9.2f (%6.2f) %9.2f (%6.2f) %9.2f %9.2f %9.2f %9.2f\n", "100k/1k", z.point_wall / a.point_wall,
              z.point_cpu / a.point_cpu, z.state_wall / a.state_wall, z.state_cpu / a.state_cpu, z.plan / a.plan,
              z.journal / a.journal, z.model / a.model, z.model_early / a.model_early);

  const bool frames = z.play < 2.0 && z.pan < 2.0 && z.idle < 2.0;
  const bool commits = z.point_wall < 5.0 && z.state_wall < 5.0;
  std::printf("\ngoal < 2 ms CPU per frame at 100k (play, pan, idle): %s; edit frame %.3f ms\n",
              frames ? "met" : "NOT met", z.edit);
  std::printf("goal < 5 ms median key -> commit at 100k: %s\n", commits ? "met" : "NOT met");
  return 0;
}
