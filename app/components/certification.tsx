import { Link } from "@remix-run/react";
import type { ApplicationStatus } from "../../db/schema-certification.ts";
import { isMessageKey, useT, type Translate } from "../i18n/index.ts";
import { roleCan } from "../domain/permissions.ts";
import { DataTable } from "./data-table.tsx";

/** Certificates in force, shown as small badges on an organisation's profile and its listings. */
export function CertificationBadges({
  badges,
}: {
  badges: Array<{ number: string; typeName: string; validUntil: string }>;
}) {
  const t = useT();
  if (!badges.length) return null;
  return (
    <span className="cert-badges">
      {badges.map((b) => (
        <Link
          key={b.number}
          to="/certification"
          className="tag tag-certified"
          title={t("certification.badge.title", { type: b.typeName, number: b.number, validUntil: b.validUntil })}
        >
          {b.typeName}
        </Link>
      ))}
    </span>
  );
}

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <span className={`status status-cert-${status}`}>{t(`certification.status.${status}`)}</span>;
}

export function figureLabel(t: Translate, key: string): string {
  const k = `certification.figure.${key}`;
  return isMessageKey(k) ? t(k) : key;
}

export function formatFigure(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return value.toLocaleString("zh-CN");
}

/** The platform's own figures for one criterion ("平台记录"). */
/** What the applicant gave for a criterion: the value and the statement. */
export function ApplicantEvidence({ title, value, statement }: { title: string; value: number | null; statement: string | null }) {
  const t = useT();
  return (
    <dl className="facts">
      <div>
        <dt>{t("certification.application.value", { title })}</dt>
        <dd>{formatFigure(value)}</dd>
      </div>
      <div>
        <dt>{t("certification.application.statement", { title })}</dt>
        <dd>{statement || "—"}</dd>
      </div>
    </dl>
  );
}

export function PlatformFigureList({ keys, figures }: { keys: string[]; figures: Record<string, number | null> }) {
  const t = useT();
  if (!keys.length) return <p className="muted">{t("certification.application.noPlatform")}</p>;
  return (
    <dl className="facts">
      {keys.map((key) => (
        <div key={key}>
          <dt>{figureLabel(t, key)}</dt>
          <dd>{key in figures ? formatFigure(figures[key]) : t("certification.figure.none")}</dd>
        </div>
      ))}
    </dl>
  );
}

export function DecisionLabel({ decision }: { decision: string }) {
  const t = useT();
  const key = `certification.decision.${decision}`;
  return <>{isMessageKey(key) ? t(key) : decision}</>;
}

/** The dashboard's certification links: applicants' pages for organisation users, the review queue for staff. */
export function CertificationDashboardCard({
  organization,
  platformRole,
}: {
  organization: { kind: string } | null;
  platformRole: string | null;
}) {
  const t = useT();
  const staff = roleCan(platformRole, "staff:review");
  if (!organization && !staff) return null;
  return (
    <section className="card" aria-labelledby="dashboard-certification-title">
      <h2 id="dashboard-certification-title">{t("certification.dashboard.title")}</h2>
      <ul>
        {organization ? (
          <>
            <li>
              <Link to="/certification/apply">{t("certification.links.apply")}</Link>
            </li>
            <li>
              <Link to="/certification/applications">{t("certification.links.applications")}</Link>
            </li>
            {organization.kind === "enterprise" ? (
              <li>
                <Link to="/certification/credit">{t("certification.links.credit")}</Link>
              </li>
            ) : null}
          </>
        ) : null}
        {staff ? (
          <li>
            <Link to="/admin/certification">{t("certification.links.queue")}</Link>
          </li>
        ) : null}
        {roleCan(platformRole, "certification:decide") ? (
          <li>
            <Link to="/admin/certification/types">{t("certification.links.types")}</Link>
          </li>
        ) : null}
        <li>
          <Link to="/certification">{t("certification.links.directory")}</Link>
        </li>
      </ul>
    </section>
  );
}

export interface DecisionEntry {
  id: number | string;
  at: string;
  decision: string;
  by?: string | null;
  reason: string | null;
}

/** The decisions on an application, oldest first; staff also see who took each one. */
export function DecisionHistory({ decisions, showActor = false }: { decisions: DecisionEntry[]; showActor?: boolean }) {
  const t = useT();
  return (
    <section aria-labelledby="decision-history-title" className="card">
      <h2 id="decision-history-title">{t("certification.application.history")}</h2>
      {decisions.length === 0 ? (
        <p className="muted">{t("certification.application.historyEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <DataTable>
            <caption className="visually-hidden">{t("certification.application.historyCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("certification.application.at")}</th>
                <th scope="col">{t("certification.application.decision")}</th>
                {showActor ? <th scope="col">{t("certification.application.by")}</th> : null}
                <th scope="col">{t("certification.application.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((x) => (
                <tr key={x.id}>
                  <td>{x.at}</td>
                  <td>
                    <DecisionLabel decision={x.decision} />
                  </td>
                  {showActor ? <td>{x.by ?? "—"}</td> : null}
                  <td>{x.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        </div>
      )}
    </section>
  );
}
