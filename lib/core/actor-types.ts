import type { UserRole } from "@/db/schema";

/** Who is asking. Every lib function that reads or writes practice data takes one. */
export type Actor = {
  userId: string;
  practiceId: string;
  role: UserRole;
  name: string;
  email: string;
  practiceName: string;
  practiceTimeZone: string;
};
