#include "power_loss_vfs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace attune::test {
namespace {

// Our sqlite3_file: the real VFS's file lives right after it (szOsFile covers both).
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
  PowerLossVfs* owner;
  std::string* path;  // set for the files a power cut can damage (database, WAL, journal)
};

ShimFile* shim(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f); }
sqlite3_file* real(sqlite3_file* f) { return shim(f)->real; }
PowerLossVfs* owner(sqlite3_vfs* vfs) { return static_cast<PowerLossVfs*>(vfs->pAppData); }
sqlite3_vfs* real(sqlite3_vfs* vfs) { return owner(vfs)->real_; }

std::string read_range(sqlite3_file* file, std::int64_t offset, std::int64_t size, std::int64_t wanted) {
  const std::int64_t n = std::max<std::int64_t>(0, std::min(wanted, size - offset));
  std::string bytes(static_cast<std::size_t>(n), '\0');
  if (n > 0 && file->pMethods->xRead(file, bytes.data(), static_cast<int>(n), offset) != SQLITE_OK)
    throw std::runtime_error("power-loss VFS: cannot read what a write replaces");
  return bytes;
}

std::int64_t size_of(sqlite3_file* file) {
  sqlite3_int64 size = 0;
  if (file->pMethods->xFileSize(file, &size) != SQLITE_OK) throw std::runtime_error("power-loss VFS: no file size");
  return size;
}

int x_close(sqlite3_file* f) {
  const int rc = real(f)->pMethods ? real(f)->pMethods->xClose(real(f)) : SQLITE_OK;
  delete shim(f)->path;
  shim(f)->path = nullptr;
  return rc;
}
int x_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 offset) {
  return real(f)->pMethods->xRead(real(f), buf, n, offset);
}
int x_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 offset) {
  ShimFile* s = shim(f);
  if (!s->owner->count_operation()) return SQLITE_IOERR_WRITE;
  if (s->path) {
    PowerLossVfs::Change c;
    c.offset = offset;
    c.size_before = size_of(s->real);
    c.before = read_range(s->real, offset, c.size_before, n);
    c.after.assign(static_cast<const char*>(buf), static_cast<std::size_t>(n));
    s->owner->state_of(*s->path)->unsynced.push_back(std::move(c));
  }
  return s->real->pMethods->xWrite(s->real, buf, n, offset);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) {
  ShimFile* s = shim(f);
  if (!s->owner->count_operation()) return SQLITE_IOERR_TRUNCATE;
  if (s->path) {
    PowerLossVfs::Change c;
    c.truncate = true;
    c.offset = size;
    c.size_before = size_of(s->real);
    c.before = read_range(s->real, size, c.size_before, c.size_before);
    s->owner->state_of(*s->path)->unsynced.push_back(std::move(c));
  }
  return s->real->pMethods->xTruncate(s->real, size);
}
int x_sync(sqlite3_file* f, int flags) {
  ShimFile* s = shim(f);
  if (!s->owner->count_operation()) return SQLITE_IOERR_FSYNC;
  const int rc = s->real->pMethods->xSync(s->real, flags);
  if (rc == SQLITE_OK && s->path) s->owner->state_of(*s->path)->unsynced.clear();
  return rc;
}
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return real(f)->pMethods->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int lock) { return real(f)->pMethods->xLock(real(f), lock); }
int x_unlock(sqlite3_file* f, int lock) { return real(f)->pMethods->xUnlock(real(f), lock); }
int x_check_reserved(sqlite3_file* f, int* out) { return real(f)->pMethods->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return real(f)->pMethods->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
int x_device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
// The -shm file is shared memory: not durable, rebuilt from the WAL after a crash.
int x_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return real(f)->pMethods->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 offset, int n, void** out) {
  return real(f)->pMethods->xFetch(real(f), offset, n, out);
}
int x_unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) { return real(f)->pMethods->xUnfetch(real(f), offset, p); }

const sqlite3_io_methods kMethods = {
    3,           x_close,        x_read,           x_write,         x_truncate,    x_sync,
    x_file_size, x_lock,         x_unlock,         x_check_reserved, x_file_control, x_sector_size,
    x_device,    x_shm_map,      x_shm_lock,       x_shm_barrier,   x_shm_unmap,   x_fetch,
    x_unfetch,
};

int v_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  ShimFile* s = shim(f);
  s->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + sizeof(ShimFile));
  s->owner = owner(vfs);
  s->path = nullptr;
  f->pMethods = nullptr;
  if (s->owner->power_is_off()) return SQLITE_CANTOPEN;
  const int rc = real(vfs)->xOpen(real(vfs), name, s->real, flags, out_flags);
  if (rc != SQLITE_OK) return rc;
  if (s->real->pMethods && s->real->pMethods->iVersion < 3) {
    s->real->pMethods->xClose(s->real);
    return SQLITE_CANTOPEN;
  }
  if (name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL))) {
    s->path = new std::string(name);
    s->owner->state_of(name);
  }
  f->pMethods = &kMethods;
  return SQLITE_OK;
}
int v_delete(sqlite3_vfs* vfs, const char* name, int sync_dir) {
  if (!owner(vfs)->count_operation()) return SQLITE_IOERR_DELETE;
  const int rc = real(vfs)->xDelete(real(vfs), name, sync_dir);
  if (rc == SQLITE_OK) owner(vfs)->forget(name);
  return rc;
}
int v_access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
  return real(vfs)->xAccess(real(vfs), name, flags, out);
}
int v_full_pathname(sqlite3_vfs* vfs, const char* name, int n, char* out) {
  return real(vfs)->xFullPathname(real(vfs), name, n, out);
}
void* v_dl_open(sqlite3_vfs* vfs, const char* name) { return real(vfs)->xDlOpen(real(vfs), name); }
void v_dl_error(sqlite3_vfs* vfs, int n, char* out) { real(vfs)->xDlError(real(vfs), n, out); }
void (*v_dl_sym(sqlite3_vfs* vfs, void* handle, const char* sym))(void) {
  return real(vfs)->xDlSym(real(vfs), handle, sym);
}
void v_dl_close(sqlite3_vfs* vfs, void* handle) { real(vfs)->xDlClose(real(vfs), handle); }
int v_randomness(sqlite3_vfs* vfs, int n, char* out) { return real(vfs)->xRandomness(real(vfs), n, out); }
int v_sleep(sqlite3_vfs* vfs, int micros) { return real(vfs)->xSleep(real(vfs), micros); }
int v_current_time(sqlite3_vfs* vfs, double* out) { return real(vfs)->xCurrentTime(real(vfs), out); }
int v_last_error(sqlite3_vfs* vfs, int n, char* out) { return real(vfs)->xGetLastError(real(vfs), n, out); }
int v_current_time64(sqlite3_vfs* vfs, sqlite3_int64* out) {
  return real(vfs)->xCurrentTimeInt64(real(vfs), out);
}

void write_all(int fd, const std::string& bytes, std::int64_t offset) {
  if (bytes.empty()) return;
  if (::pwrite(fd, bytes.data(), bytes.size(), offset) != static_cast<ssize_t>(bytes.size()))
    throw std::runtime_error("power-loss VFS: cannot restore a file");
}
void resize(int fd, std::int64_t size) {
  if (::ftruncate(fd, size) != 0) throw std::runtime_error("power-loss VFS: cannot restore a file's size");
}

}  // namespace

PowerLossVfs::PowerLossVfs() {
  real_ = sqlite3_vfs_find(nullptr);
  if (!real_ || real_->iVersion < 2) throw std::runtime_error("power-loss VFS: no usable default VFS");
  vfs_.iVersion = 2;
  vfs_.szOsFile = static_cast<int>(sizeof(ShimFile)) + real_->szOsFile;
  vfs_.mxPathname = real_->mxPathname;
  vfs_.zName = "attune-power-loss";
  vfs_.pAppData = this;
  vfs_.xOpen = v_open;
  vfs_.xDelete = v_delete;
  vfs_.xAccess = v_access;
  vfs_.xFullPathname = v_full_pathname;
  vfs_.xDlOpen = v_dl_open;
  vfs_.xDlError = v_dl_error;
  vfs_.xDlSym = v_dl_sym;
  vfs_.xDlClose = v_dl_close;
  vfs_.xRandomness = v_randomness;
  vfs_.xSleep = v_sleep;
  vfs_.xCurrentTime = v_current_time;
  vfs_.xGetLastError = v_last_error;
  vfs_.xCurrentTimeInt64 = v_current_time64;
  make_default(true);
}

PowerLossVfs::~PowerLossVfs() {
  sqlite3_vfs_register(real_, 1);
  sqlite3_vfs_unregister(&vfs_);
}

void PowerLossVfs::make_default(bool shim_default) { sqlite3_vfs_register(shim_default ? &vfs_ : real_, 1); }

void PowerLossVfs::arm(std::int64_t at) {
  operations_ = 0;
  armed_at_ = at;
  off_ = false;
}

bool PowerLossVfs::count_operation() {
  if (off_) return false;
  ++operations_;
  if (armed_at_ > 0 && operations_ >= armed_at_) off_ = true;
  return !off_;
}

PowerLossVfs::FileState* PowerLossVfs::state_of(const std::string& path) { return &files_[path]; }

void PowerLossVfs::power_loss(bool keep_some, std::mt19937& random) {
  for (auto& [path, state] : files_) {
    ::unlink((path + "-shm").c_str());  // memory, not disk: gone with the power
    if (state.unsynced.empty()) continue;
    const int fd = ::open(path.c_str(), O_RDWR);
    if (fd < 0) throw std::runtime_error("power-loss VFS: cannot open " + path);
    // Back to the last synced state: undo every change, newest first.
    for (auto c = state.unsynced.rbegin(); c != state.unsynced.rend(); ++c) {
      resize(fd, c->size_before);
      write_all(fd, c->before, c->offset);
    }
    // The disk may have written some of them before the cut, in any order; what it wrote
    // is whole (SQLite assumes sector writes are atomic on power-safe-overwrite disks).
    if (keep_some) {
      for (const Change& c : state.unsynced) {
        if (random() % 2 == 0) continue;
        if (c.truncate) resize(fd, c.offset);
        else write_all(fd, c.after, c.offset);
      }
    }
    ::close(fd);
    state.unsynced.clear();
  }
  off_ = false;
  armed_at_ = 0;
  operations_ = 0;
}

}  // namespace attune::test
