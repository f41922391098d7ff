import { ReminderStopMessage } from "@/components/plans/reminder-stop-message";
import { stopRemindersByToken } from "@/lib/plans/stop-reminders";

/**
 * The one-click "stop these reminders" link of a reminder email. Opening it is the click: it
 * works without JavaScript and without an account, and opening it again changes nothing.
 */
export default async function StopRemindersPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const outcome = await stopRemindersByToken(token);
  return <ReminderStopMessage outcome={outcome} />;
}
