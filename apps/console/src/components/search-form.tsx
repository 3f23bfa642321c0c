import { useState } from 'preact/hooks';

/** A search box applied on submit (Enter or the button), so each keystroke does not cost a request. */
export function SearchForm({
  id,
  label,
  onSearch,
}: {
  id: string;
  label: string;
  onSearch: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <form
      class="search-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <label for={id}>{label}</label>
      <input id={id} type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button type="submit" class="secondary">
        Search
      </button>
    </form>
  );
}
