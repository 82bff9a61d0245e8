import type { CriterionRule } from '@app/domain';
import { TextField } from '../../components/ui';
import { formatPoints } from '../../format';

interface CriterionFieldProps {
  criterion: CriterionRule;
  value: string;
  disabled: boolean;
  onValue: (value: string) => void;
  error?: string;
}

/** The points box of one criterion, with its bounds and, folded, the indicators it covers. */
export function CriterionField({
  criterion,
  value,
  disabled,
  onValue,
  error,
}: CriterionFieldProps) {
  return (
    <div class="criterion">
      <TextField
        label={`Tiêu chí ${criterion.code}. ${criterion.title}`}
        name={`scores.${criterion.code}`}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        disabled={disabled}
        onValue={onValue}
        hint={`Tối đa ${formatPoints(criterion.maxPoints)} điểm${
          criterion.minPoints === null
            ? ''
            : `, tối thiểu ${formatPoints(criterion.minPoints)} điểm`
        }`}
        error={error}
      />
      {criterion.indicators && criterion.indicators.length > 0 && (
        <details>
          <summary>Các chỉ số của tiêu chí {criterion.code}</summary>
          <ul>
            {criterion.indicators.map((indicator) => (
              <li key={indicator.code}>
                {indicator.code}. {indicator.title}
                {indicator.maxPoints !== null && ` (tối đa ${formatPoints(indicator.maxPoints)})`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
