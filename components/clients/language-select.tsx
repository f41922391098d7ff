import { SelectField } from "@/components/ui/field";

export type LanguageOption = { value: string; label: string };

/** A client's (or the practice's) language: what emails, the questionnaire and results are written in. */
export function LanguageSelect({
  name,
  label = "Language",
  languages,
  defaultValue,
  errors,
  hint = "Emails, questionnaires and results reach the client in this language.",
}: {
  name: string;
  label?: string;
  languages: LanguageOption[];
  defaultValue: string;
  errors?: string[];
  hint?: string;
}) {
  return (
    <SelectField label={label} name={name} defaultValue={defaultValue} errors={errors} hint={hint}>
      {languages.map((language) => (
        <option key={language.value} value={language.value}>
          {language.label}
        </option>
      ))}
    </SelectField>
  );
}
