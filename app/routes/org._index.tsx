import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { FileField } from "~/components/file-field.tsx";
import { DocumentList, type DocumentListItem } from "~/components/organization-documents.tsx";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  contactsView,
  OrganizationContacts,
  OrganizationDescription,
  OrganizationFacts,
  privateView,
  profileView,
} from "~/components/organization-profile.tsx";
import { messageOrText, useT, type MessageKey, metaTranslator } from "~/i18n/index.ts";
import { useUploadLimit } from "~/components/upload-limit.tsx";
import { appDb } from "~/db.server.ts";
import { refusalResponse } from "~/http/refusal.server.ts";
import { receiveUpload } from "~/http/upload.server.ts";
import {
  addOrganizationDocument,
  listOrganizationDocuments,
  ORGANIZATION_DOCUMENT_MAX_BYTES,
  organizationDocumentRefusals,
} from "~/models/organization-documents.server.ts";
import { requireOrgMember } from "~/models/policy.server.ts";
import { formatDateTime } from "~/utils/dates.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: `${metaTranslator(matches)("org.pageTitle")} · 产教通` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireOrgMember(request);
  const o = actor.organization;
  const url = new URL(request.url);
  const notice: MessageKey | null = url.searchParams.get("registered")
    ? "auth.registered"
    : url.searchParams.get("resubmitted")
      ? "org.resubmitted"
      : url.searchParams.get("saved")
        ? "org.saved"
        : url.searchParams.get("document")
          ? "org.documents.uploaded"
          : null;
  const documents = await listOrganizationDocuments(appDb(), o.id);
  return {
    organization: {
      id: o.id,
      name: o.name,
      status: o.status,
      reviewNote: o.review_note,
      reviewedAt: formatDateTime(o.reviewed_at),
    },
    profile: profileView(o),
    contacts: contactsView(o),
    extra: privateView(o),
    isAdmin: actor.user.org_role === "admin",
    notice,
    documents: documents.map((d) => ({ ...d, uploadedAt: formatDateTime(d.uploadedAt) })),
    maxMegabytes: ORGANIZATION_DOCUMENT_MAX_BYTES / (1024 * 1024),
  };
}

/** The registration document upload, the page's one form: organisation administrators only (the model checks). */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireOrgMember(request);
  const received = await receiveUpload(request, { maxBytes: ORGANIZATION_DOCUMENT_MAX_BYTES, fields: [], refusals: organizationDocumentRefusals });
  if (!received.ok) return received.answer;
  const result = await addOrganizationDocument(appDb(), actor, received.file, { ip: context.clientIp });
  if (!result.ok) return refusalResponse(received.formData, organizationDocumentRefusals, result);
  return redirect("/org?document=1");
}

export default function OrganizationHome() {
  const { organization, profile, contacts, extra, isAdmin, notice, documents, maxMegabytes } = useLoaderData<typeof loader>();
  const t = useT();
  const { status } = organization;
  return (
    <section aria-labelledby="org-title" className="page-stack">
      <h1 id="org-title">{organization.name}</h1>
      {notice ? (
        <div className="alert alert-ok" role="status">
          {t(notice)}
        </div>
      ) : null}

      <section aria-labelledby="org-status-title" className="card">
        <h2 id="org-status-title">
          {t("org.statusLabel")}：<span className={`status status-${status}`}>{t(`org.status.${status}`)}</span>
        </h2>
        {status === "pending" ? <p>{t("org.pendingText")}</p> : null}
        {status === "verified" ? <p>{t("org.verifiedText")}</p> : null}
        {status === "rejected" || status === "suspended" ? (
          <>
            <p>{t(status === "rejected" ? "org.rejectedText" : "org.suspendedText")}</p>
            {organization.reviewNote ? (
              <div className="alert alert-error" data-testid="review-note">
                <strong>{t("org.reviewNote")}：</strong>
                {organization.reviewNote}
                {organization.reviewedAt ? <span className="muted">（{organization.reviewedAt}）</span> : null}
              </div>
            ) : null}
            {isAdmin ? (
              <p>
                <Link to="/org/edit" className="btn">
                  {t(status === "rejected" ? "org.fixAndResubmit" : "org.edit")}
                </Link>
              </p>
            ) : (
              <p className="muted">{t("org.askAdmin")}</p>
            )}
          </>
        ) : null}
      </section>

      <nav aria-label={t("org.actions")} className="actions">
        {isAdmin ? <Link to="/org/edit">{t("org.edit")}</Link> : null}
        <Link to="/org/members">{t("org.members")}</Link>
        {status === "verified" ? <Link to={`/orgs/${organization.id}`}>{t("org.publicPage")}</Link> : null}
      </nav>

      <section aria-labelledby="org-profile-title" className="card">
        <h2 id="org-profile-title">{t("org.profileTitle")}</h2>
        <OrganizationFacts profile={profile} extra={extra} />
        <h3>{t("org.description")}</h3>
        <OrganizationDescription text={profile.description} />
      </section>

      <section aria-labelledby="org-contacts-title" className="card">
        <h2 id="org-contacts-title">{t("org.contactsTitle")}</h2>
        <OrganizationContacts contacts={contacts} />
      </section>

      <DocumentsCard documents={documents} isAdmin={isAdmin} maxMegabytes={maxMegabytes} />
    </section>
  );
}

function DocumentsCard({
  documents,
  isAdmin,
  maxMegabytes,
}: {
  documents: DocumentListItem[];
  isAdmin: boolean;
  maxMegabytes: number;
}) {
  const t = useT();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const limit = useUploadLimit(maxMegabytes);
  const fieldErrors: Record<string, string> | undefined = answer && !answer.ok ? answer.fieldErrors : undefined;
  const serverError = answer && !answer.ok ? (fieldErrors?.file ?? answer.formError) : undefined;
  const error = limit.error ?? (serverError ? messageOrText(t, serverError) : null);
  return (
    <section aria-labelledby="org-documents-title" className="card" data-testid="org-documents">
      <h2 id="org-documents-title">{t("org.documents.title")}</h2>
      <p className="muted">{t("org.documents.intro")}</p>
      <DocumentList documents={documents} empty={t("org.documents.missing")} />
      {isAdmin ? (
        <Form method="post" encType="multipart/form-data" className="stack" onSubmit={limit.onSubmit}>
          <FileField id="field-file" label={t("org.documents.file", { mb: maxMegabytes })} error={error} required onChange={limit.onChange} />
          <div>
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("org.documents.upload")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t("org.documents.askAdmin")}</p>
      )}
    </section>
  );
}
