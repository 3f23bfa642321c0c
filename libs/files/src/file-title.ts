/** Directus's default title: the name without its extension, words capitalised (`my_photo-1.jpg` → `My Photo 1`). */
export function titleFromFilename(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem
    .split(/[\s_-]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}
