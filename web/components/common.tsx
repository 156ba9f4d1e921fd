import type { Child } from 'hono/jsx';

/** A term and its value, in the definition lists that hold every page's facts. */
export function Fact({ term, id, children }: { term: string; id?: string; children?: Child }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd id={id}>{children}</dd>
    </div>
  );
}

/** A select of a filter form: "all" (the empty value) first unless `all` is null, then the options. */
export function FilterSelect(props: { id: string; name: string; label: string; all: string | null; options: ReadonlyArray<readonly [value: string, text: Child]>; selected: string | undefined }) {
  return (
    <div class="filters__field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {props.all !== null && <option value="">{props.all}</option>}
        {props.options.map(([value, text]) => (
          <option value={value} selected={props.selected === value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
