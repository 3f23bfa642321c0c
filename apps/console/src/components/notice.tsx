/** The API's message for a failed request, announced to screen readers. */
export function ErrorNotice({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="notice notice-error" role="alert">
      {message}
    </p>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> {label}
    </p>
  );
}
