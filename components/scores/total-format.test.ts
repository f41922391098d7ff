import { describe, expect, it } from "vitest";
import { clinicalRange, describeChange, formatChange, formatTotal, totalOutOf } from "./total-format";

describe("total wording", () => {
  it("writes whole totals plainly and a half point with one decimal", () => {
    expect(formatTotal(12)).toBe("12");
    expect(formatTotal(13.5)).toBe("13.5");
    expect(totalOutOf(12, { max: 27 })).toBe("12 of 27");
  });

  it("signs changes with a real minus sign and names their status in words", () => {
    expect(formatChange(-6)).toBe("\u22126");
    expect(formatChange(3)).toBe("+3");
    expect(formatChange(0)).toBe("0");
    expect(describeChange({ change: -6, status: "improved" })).toBe("\u22126 points: reliable improvement");
    expect(describeChange({ change: 1, status: "no_change" })).toBe("+1 point: no reliable change");
    expect(describeChange({ change: 5, status: "deteriorated" })).toBe("+5 points: reliable deterioration");
  });

  it("states the clinical range on the side the direction puts it", () => {
    expect(clinicalRange({ direction: "higher_is_worse", cutOff: { value: 10, label: "", source: "", provisional: false } })).toBe("10 or more");
    expect(clinicalRange({ direction: "higher_is_better", cutOff: { value: 13.5, label: "", source: "", provisional: false } })).toBe("below 13.5");
  });
});
