// Texts people wrote, one per list item, line breaks kept (the futures of a story, in the setup, the path and the presentation).
export function TextList({
  items,
  className,
  ordered = false,
  label,
}: {
  items: readonly string[];
  className: string;
  ordered?: boolean;
  label?: string;
}) {
  const List = ordered ? "ol" : "ul";
  return (
    <List className={className} aria-label={label}>
      {items.map((text, index) => (
        <li key={index} className="pre-wrap">
          {text}
        </li>
      ))}
    </List>
  );
}
