/** Previous / next over pages of a list, with where the reader is in words. */
export function Pager(props: {
  page: number;
  pages: number;
  total: number;
  noun: string;
  onPage: (n: number) => void;
}) {
  const { page, pages, total, noun, onPage } = props;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span aria-live="polite">
        Page {page} of {pages} · {total} {noun}
      </span>
      <button type="button" class="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
