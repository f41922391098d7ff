import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PracticeExportPanel } from "@/components/exports/practice-export-panel";
import { SettingsNav } from "@/components/shell/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage() {
  const actor = await requireActor();
  if (!isOwner(actor)) notFound();
  return (
    <>
      <PageHeader title="Settings" description="Your practice and your account." />
      <SettingsNav isOwner current="export" />
      <PracticeExportPanel />
    </>
  );
}
