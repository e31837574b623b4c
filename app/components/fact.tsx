import type { ReactNode } from "react";

/** One term and its value in a `<dl className="facts">` list; `testId` marks the value for browser tests. */
export function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
