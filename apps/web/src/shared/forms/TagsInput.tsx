import { Select, type SelectProps } from 'antd';

type TagsInputProps = Omit<SelectProps<string[]>, 'mode' | 'options'>;

/** Free-text list input (domains, tags, emails, phones): Enter or a comma adds an entry. */
export function TagsInput(props: TagsInputProps) {
  return (
    <Select<string[]>
      mode="tags"
      tokenSeparators={[',', '，', ';', '；']}
      suffixIcon={null}
      notFoundContent={null}
      {...props}
      options={[]}
    />
  );
}
