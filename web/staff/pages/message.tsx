import { StaffLayout, type StaffContext } from '../layout.js';

export function MessagePage({
  ctx,
  title,
  body,
  link,
}: {
  ctx: StaffContext;
  title: string;
  body: string;
  link?: { href: string; label: string };
}) {
  return (
    <StaffLayout ctx={ctx} title={title} section={null}>
      <h1>{title}</h1>
      <p>{body}</p>
      {link && (
        <p>
          <a href={link.href}>{link.label}</a>
        </p>
      )}
    </StaffLayout>
  );
}
