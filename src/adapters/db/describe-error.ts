/**
 * Errno numbers of Emscripten's file system, which PGlite (PostgreSQL
 * compiled to WebAssembly) throws as plain `{ name: 'ErrnoError', errno }`
 * objects, not Errors: `String()` of one is "[object Object]".
 */
const EMSCRIPTEN_ERRNO: Record<number, string> = {
  2: 'EACCES: permission denied',
  10: 'EBUSY: resource busy',
  20: 'EEXIST: file already exists',
  28: 'EINVAL: invalid argument',
  29: 'EIO: input/output error',
  31: 'EISDIR: is a directory',
  32: 'ELOOP: too many symbolic links',
  33: 'EMFILE: too many open files',
  37: 'ENAMETOOLONG: file name too long',
  44: 'ENOENT: no such file or directory',
  51: 'ENOSPC: no space left on device',
  54: 'ENOTDIR: not a directory',
  55: 'ENOTEMPTY: directory not empty',
  63: 'EPERM: operation not permitted',
  69: 'EROFS: read-only file system',
};

/**
 * A readable one-line description of anything thrown: an Error's message,
 * PGlite's file system errors by name, other objects as JSON. Never
 * "[object Object]".
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null) {
    const { name, errno } = error as { name?: unknown; errno?: unknown };
    if (name === 'ErrnoError' && typeof errno === 'number') {
      return `${EMSCRIPTEN_ERRNO[errno] ?? 'file system error'} (PGlite errno ${errno})`;
    }
    try {
      return JSON.stringify(error);
    } catch {
      return `an unprintable object with the keys ${Object.keys(error).join(', ') || '(none)'}`;
    }
  }
  return String(error);
}
