#include "app/app.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/coding/coding_view.h"
#include "app/logic/display_settings.h"
#include "app/platform/ui_scale.h"
#include "app/platform/glfw_keys.h"
#include "app/logic/key_queue.h"
#include "app/platform/screenshot.h"
#include "app/start/sessions_view.h"
#include "app/logic/video_locator.h"
#include "app/logic/action.h"
#include "app/logic/file_check.h"
#include "app/common/view_boundary.h"
#include "core/error.h"
#include "media/frame_index_reader.h"
#include "media/mpv_player.h"
#include "media/stopwatch.h"
#include "media/video_probe.h"
#include "store/backup.h"
#include "store/demo_session.h"

namespace attune {

namespace {

namespace fs = std::filesystem;

// The demo recording gets its video the first time the window opens it.
void ensure_demo_video(Store& store, SessionId session) {
  const Recording recording = store.recording(store.session(session).recording_id);
  if (!recording.video_path.empty() && fs::exists(recording.video_path)) return;
  const std::string path = (fs::path(store.path()).parent_path() / "attune-demo.mp4").string();
  if (!fs::exists(path)) {
    std::cerr << "making the demo video " << path << " …\n";
    if (std::string error = make_demo_video(path); !error.empty()) throw Error(ErrorKind::Storage, error);
  }
  const VideoFacts facts = probe_video(path);
  Recording video = recording;
  apply_video(video, facts);
  store.relink_video(recording.id, video);
}

std::unique_ptr<MediaClock> open_media(Store& store, const Recording& recording) {
  if (recording.video_path.empty()) return std::make_unique<Stopwatch>();
  const std::vector<std::string> folders = {fs::path(recording.video_path).parent_path().string(),
                                            fs::path(store.path()).parent_path().string()};
  std::optional<std::string> found = locate_video(recording, folders);
  if (found && *found != recording.video_path) {
    Recording moved = recording;
    moved.video_path = *found;
    store.relink_video(recording.id, moved);  // found again by its content hash
  }
  auto player = std::make_unique<MpvPlayer>(glfwGetProcAddress, found.value_or(recording.video_path));
  player->set_wakeup([] { glfwPostEmptyEvent(); });
  return player;
}

}  // namespace

int run_app(const AppOptions& options) {
  std::setlocale(LC_NUMERIC, "C");  // libmpv requires it
  glfwSetErrorCallback([](int, const char* description) { std::cerr << "glfw: " << description << '\n'; });
  if (!glfwInit()) {
    std::cerr << "error: attune needs a display; on a machine without one run it under xvfb-run\n";
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, "Attune", nullptr, nullptr);
  if (!window) {
    std::cerr << "error: cannot open an OpenGL 3.3 window\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
  // The font size a user chose, times the monitor's HiDPI scale (followed when it changes).
  const std::string display_path = DisplaySettings::default_path();
  std::string display_problem;
  DisplaySettings display = DisplaySettings::load(display_path, &display_problem);
  if (!display_problem.empty()) std::cerr << display_problem << '\n';
  float xscale = 1.0f, yscale = 1.0f;
  glfwGetWindowContentScale(window, &xscale, &yscale);
  UiScale ui_scale;
  ui_scale.apply(display.font_size, xscale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  KeyQueue key_queue;  // every key in arrival order; chains to ImGui's callbacks
  install_key_queue(window, &key_queue);

  int exit_code = 0;
  try {
    SessionsView sessions_view;
    const std::string db_path = options.db_path.empty() ? default_database_path() : options.db_path;
    // The file's full check runs once, off the UI thread (app/file_check.h).
    auto store = std::make_unique<Store>(db_path, OpenMode::CreateIfMissing, current_actor(), FileCheck::Background);
    BackgroundFileCheck file_check;
    file_check.start(store->path(), [] { glfwPostEmptyEvent(); });
    sessions_view.file_check = file_check.line();
    BackgroundBackup daily_backup(store->path());  // the day's automatic backup (store/backup.h)
    // The session asked for on the command line (0: none) and the demo are opened once the
    // window knows who is acting: with no name known, the start screen asks first.
    SessionId asked = options.session.value_or(0);
    bool demo = options.demo;
    auto make_demo = [&] {
      asked = open_or_create_demo(*store).id;
      ensure_demo_video(*store, asked);
      demo = false;
    };
    if (demo && !store->actor().empty()) make_demo();
    if (asked != 0) store->session(asked);  // NotFound before the window shows anything
    std::string titled;  // who the title bar names

    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<CodingView> coding;
    // Exports still writing when their coding view closed: kept (and waited for at exit, so
    // their files are whole) without holding up the window.
    std::vector<std::shared_ptr<ExportJob>> finishing_exports;
    auto close_coding = [&] {
      if (coding)
        if (std::shared_ptr<ExportJob> job = coding->running_export()) finishing_exports.push_back(std::move(job));
      coding.reset();
    };
    const std::string keys_path = KeyMap::default_path();
    std::string keys_problem;
    KeyMap keys = KeyMap::load(keys_path, &keys_problem);
    if (!keys_problem.empty()) std::cerr << keys_problem << '\n';

    std::vector<std::string> show = options.show;
    auto open_session_or_throw = [&](SessionId id) {
      close_coding();
      workspace.reset();
      // The workspace gets its own connection: the start screen keeps using `store`.
      auto own = std::make_unique<Store>(store->path(), OpenMode::MustExist, store->actor(), FileCheck::Background);
      const Recording recording = own->recording(own->session(id).recording_id);
      auto clock = open_media(*own, recording);
      workspace = std::make_unique<Workspace>(std::move(own), id, std::move(clock));
      // The video's frame index (its cache beside the database, else the file's timestamps),
      // off the UI thread: until it is there frames are counted at the container's rate.
      if (const Recording& r = workspace->recording(); workspace->clock().has_video())
        workspace->index_frames([path = r.video_path, hash = r.video_hash, folder = frame_index_folder(store->path())] {
          return frame_index_for(path, hash, folder).index;
        }, [] { glfwPostEmptyEvent(); });
      coding = std::make_unique<CodingView>(*workspace, keys, keys_path, key_queue);
      coding->set_display(&display, display_path);
      coding->open_panels(show);  // --show: for the first session opened only
      show.clear();
    };
    // Each open is one action (app/action.h): a stored scheme that no longer loads, a video
    // that cannot play, a database locked past its timeout end it with one line on the start
    // screen, and the window stays.
    auto open_session = [&](SessionId id) {
      run_action("Open session " + std::to_string(id), [&] { open_session_or_throw(id); }, [&](const std::string& m) {
        close_coding();
        workspace.reset();
        sessions_view.refresh(*store);
        sessions_view.report(m);
      });
    };
    // --show start: the start screen stays (the demo is made, not opened).
    const bool start_screen = std::find(options.show.begin(), options.show.end(), "start") != options.show.end();
    if (asked != 0 && !store->actor().empty() && !start_screen) {
      open_session(asked);
      asked = 0;
    }

    int frame = 0;
    int busy_frames = 3;  // ImGui settles hover and layout over a couple of frames after input
    while (!glfwWindowShouldClose(window)) {
      const bool moving = workspace && workspace->clock().playing();
      if (!options.screenshot.empty() || moving || busy_frames > 0) glfwPollEvents();
      else if (coding && coding->background_work()) glfwWaitEventsTimeout(0.1);  // progress shows 10× a second
      else if (workspace) glfwWaitEventsTimeout(Workspace::kStorePollSeconds);  // another writer's changes show
      else glfwWaitEvents();  // idle: no CPU until input or a video wakeup
      busy_frames = std::max(0, busy_frames - 1);
      if (workspace && workspace->clock().update()) busy_frames = std::max(busy_frames, 1);
      if (workspace && workspace->poll_frame_index()) busy_frames = std::max(busy_frames, 1);
      if (workspace && workspace->poll_store()) busy_frames = std::max(busy_frames, 1);
      if (file_check.poll()) {
        busy_frames = std::max(busy_frames, 1);
        sessions_view.file_check = file_check.line();
        sessions_view.file_damaged = file_check.damaged();
        if (file_check.damaged() && workspace) workspace->report(file_check.line());
      }
      if (workspace) workspace->clock().render();

      glfwGetWindowContentScale(window, &xscale, &yscale);
      if (ui_scale.apply(display.font_size, xscale)) {  // between frames: the atlas is not in use
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
      }
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      if (io.InputQueueCharacters.Size > 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 ||
          ImGui::IsAnyMouseDown())
        busy_frames = 3;
      std::erase_if(finishing_exports, [](const std::shared_ptr<ExportJob>& job) { return !job->running(); });
      if (coding) {
        CodingView::Next next = CodingView::Next::Stay;
        draw_guarded("", [&] { next = coding->draw(); }, [&](const std::string& m) { workspace->report(m); });
        if (next == CodingView::Next::Quit) glfwSetWindowShouldClose(window, 1);
        if (next == CodingView::Next::ReopenMedia) open_session(workspace->info().id);
        if (next == CodingView::Next::Sessions) {
          close_coding();
          workspace.reset();
          sessions_view.refresh(*store);
        }
      } else {
        // No coding view takes the keys: a code key here records nothing, and says so.
        for (const KeyInput& k : key_queue.take())
          if (!io.WantTextInput && KeyboardCoder::could_code(k))
            sessions_view.notice = "No session open: open a session below to code (keys record nothing here)";
        std::optional<SessionId> chosen;
        draw_guarded("", [&] { chosen = sessions_view.draw(*store); }, [&](const std::string& m) { sessions_view.report(m); });
        if (chosen) {
          open_session(*chosen);
        } else if ((demo || asked != 0) && !store->actor().empty()) {  // now that the name is known
          if (demo) run_action("Open the demo", make_demo, [&](const std::string& m) { sessions_view.report(m); });
          demo = false;  // tried once; a failure is on the screen
          const SessionId id = asked;
          asked = 0;
          if (start_screen) sessions_view.refresh(*store);
          else if (id != 0) open_session(id);
        }
      }
      if (store->actor() != titled) {
        titled = store->actor();
        glfwSetWindowTitle(window, ("Attune - " + (titled.empty() ? std::string("who are you?") : titled)).c_str());
      }
      ImGui::Render();
      int width = 0, height = 0;
      glfwGetFramebufferSize(window, &width, &height);
      glViewport(0, 0, width, height);
      glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++frame;
      if (!options.screenshot.empty() && frame >= options.frames) {
        if (!write_screenshot(options.screenshot, width, height)) {
          std::cerr << "error: cannot write " << options.screenshot << '\n';
          exit_code = 1;
        }
        glfwSetWindowShouldClose(window, 1);
      }
      glfwSwapBuffers(window);
    }
    coding.reset();
    workspace.reset();  // the player goes before the GL context
  } catch (const Error& e) {  // before the window could show anything (e.g. --session of no session)
    std::cerr << "error: " << e.what() << '\n';
    exit_code = e.kind() == ErrorKind::InvalidInput ? 2 : 1;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    exit_code = 1;
  }

  uninstall_key_queue(window);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace attune
