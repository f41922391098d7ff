import type { AnyInstrument, InstrumentDefinition, ItemDefinition, ScaleOption, TotalInstrument, TotalItem } from "./types";

/** An item of either kind of instrument. */
export type AnyItem = ItemDefinition | TotalItem;

/** One question as the questionnaire shows it: its own scale resolved, and whether it must be answered. */
export type AnswerItem = {
  readonly id: string;
  readonly text: string;
  /** Ascending by value. */
  readonly scale: readonly ScaleOption[];
  /** False for a question the person may leave blank (see isOptionalItem). */
  readonly required: boolean;
  /** A lead-in to show before the item, when it has one. */
  readonly prompt?: string;
};

export function isTotalInstrument(def: AnyInstrument): def is TotalInstrument {
  return def.kind === "total";
}

export function isProfileInstrument(def: AnyInstrument): def is InstrumentDefinition {
  return def.kind === "profile";
}

/** The answers an item takes: its own scale when it has one (CSI-4 item 1), else the instrument's. */
export function itemScale(def: AnyInstrument, item: AnyItem): readonly ScaleOption[] {
  return ("scale" in item && item.scale) || def.scale;
}

/**
 * Whether an item may be left unanswered. Unscored items (PHQ-9's and GAD-7's difficulty question)
 * are: the total does not depend on them, and the published forms ask them only "if you checked off
 * any problems". An answer that is given must still be on the item's scale. Every scored item, and
 * every Closeness Inventory item, is required.
 */
export function isOptionalItem(item: AnyItem): boolean {
  return "scored" in item && !item.scored;
}

export function isOnItemScale(def: AnyInstrument, item: AnyItem, value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && itemScale(def, item).some((option) => option.value === value);
}

/** The items in presentation order, each with its scale and whether it is required, for the questionnaire. */
export function answerItems(def: AnyInstrument): AnswerItem[] {
  return def.items.map((item: AnyItem) => {
    const prompt = "prompt" in item ? item.prompt : undefined;
    return {
      id: item.id,
      text: item.text,
      scale: itemScale(def, item),
      required: !isOptionalItem(item),
      ...(prompt === undefined ? {} : { prompt }),
    };
  });
}
