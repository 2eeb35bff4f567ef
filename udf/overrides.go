package udf

// Override sets one setting of a score's params by its name in the settings
// MAP, as one entry of a function's settings argument does: an unknown name
// (ErrUnknownSetting) or a value out of range or NaN (ErrSettingRange) is an
// error with the same wording as inside custval. Start from the defaults
// (DefaultSatisfactionParams, ...) and override entry by entry; a NULL value
// in the MAP means "keep the default", so skip it.
//
// SettingsArg applies a settings MAP entry by entry with these, in custval's
// vectorized functions and in the custval DuckDB extension
// (internal/ext/cshared) alike; they take no map so that reading one
// allocates nothing per entry.
func (p *SatisfactionParams) Override(name string, v float64) error {
	return satisfactionSettings.set(p, name, v)
}

// Override sets one loyalty setting; see SatisfactionParams.Override.
func (p *LoyaltyParams) Override(name string, v float64) error {
	return loyaltySettings.set(p, name, v)
}

// Override sets one contact setting; see SatisfactionParams.Override.
func (p *ContactParams) Override(name string, v float64) error {
	return contactSettings.set(p, name, v)
}

// Override sets one lifecycle setting; see SatisfactionParams.Override.
func (p *LifecycleParams) Override(name string, v float64) error {
	return lifecycleSettings.set(p, name, v)
}

// Override sets one replacement setting; see SatisfactionParams.Override.
func (p *ReplacementParams) Override(name string, v float64) error {
	return replacementSettings.set(p, name, v)
}

// Override sets one value setting; see SatisfactionParams.Override.
func (p *ValueParams) Override(name string, v float64) error {
	return valueSettings.set(p, name, v)
}
