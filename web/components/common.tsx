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
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  all: string | null;
  options: ReadonlyArray<readonly [value: string, text: Child]>;
  selected: string | undefined;
}) {
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

/** A select of a filter form: its label, its options, and "all" (the empty value) first unless `all` is false. */
export interface FilterChoice {
  label: string;
  options: ReadonlyArray<readonly [value: string, text: Child]>;
  all?: false;
}

/**
 * The selects of a filter form, one per query parameter named in `choices`, in their order: each
 * select's id is `f-<name>`, its "all" reads `all`, and the value it shows selected is the one in
 * `chosen` (a number as its digits).
 */
export function FilterSelects<Name extends string>(props: {
  choices: Record<Name, FilterChoice>;
  chosen: NoInfer<Partial<Record<Name, string | number | undefined>>>;
  all: string;
}) {
  const names = Object.keys(props.choices) as Name[];
  return (
    <>
      {names.map((name) => {
        const choice = props.choices[name];
        const chosen = props.chosen[name];
        return (
          <FilterSelect
            id={`f-${name}`}
            name={name}
            label={choice.label}
            all={choice.all === false ? null : props.all}
            options={choice.options}
            selected={chosen === undefined ? undefined : String(chosen)}
          />
        );
      })}
    </>
  );
}

/**
 * A form field: the label of the control (the children, whose id is `id`) and an optional hint,
 * which the control names in its `aria-describedby` (`hintId`, `<id>-hint` unless given). The
 * hint follows the control, or precedes it (`hintFirst`) where a text box would push it out of view.
 */
export function Field(props: {
  id: string;
  label: Child;
  hint?: Child;
  hintId?: string;
  hintFirst?: boolean;
  children?: Child;
}) {
  const hint =
    props.hint === undefined ? null : (
      <p class="hint" id={props.hintId ?? `${props.id}-hint`}>
        {props.hint}
      </p>
    );
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.hintFirst && hint}
      {props.children}
      {!props.hintFirst && hint}
    </div>
  );
}
